import { isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * Where the project a config was saved in sits on this machine: the config's folder `from` is this
 * machine's `to`. Learnt from a script found outside the folder its config names, by the names the two
 * folders end with alike.
 */
export interface ProjectMove {
  readonly from: string;
  readonly to: string;
  /** How many trailing folder names the two had alike: the strength of the tie. */
  readonly alike: number;
}

const names = (dir: string): string[] => resolve(dir).split(sep).filter((n) => n !== "");

/** The move that takes `configDir` (a folder the config names) to `localDir` (where its script is here). */
export function projectMove(configDir: string, localDir: string): ProjectMove {
  const [there, here] = [names(configDir), names(localDir)];
  let alike = 0;
  while (alike < there.length && alike < here.length && there[there.length - 1 - alike] === here[here.length - 1 - alike]) alike++;
  return { from: sep + there.slice(0, there.length - alike).join(sep), to: sep + here.slice(0, here.length - alike).join(sep), alike };
}

/** `path` as it sits here after the move, when it lies in the moved project; never the filesystem's root. */
export function movedPath(path: string, move: ProjectMove): string | undefined {
  const rest = relative(move.from, resolve(path));
  if (rest.startsWith("..") || isAbsolute(rest)) return undefined;
  const moved = join(move.to, rest);
  return moved === sep ? undefined : moved;
}

/** The folder a script was found in, as the config would name it: `scriptPath` without `entryPoint` (which may hold folders). */
export function scriptFolder(scriptPath: string, entryPoint: string): string | undefined {
  const suffix = `${sep}${entryPoint}`;
  return scriptPath.endsWith(suffix) ? scriptPath.slice(0, -suffix.length) : undefined;
}

/** A move strong enough to carry folders above the script's own: two names alike (`xgboost_atoz/scripts`). */
export const MIN_NAMES_ALIKE = 2;
