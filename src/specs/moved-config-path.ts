import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from "node:path";
import { noteConsulted } from "../io/consults.js";

const names = (dir: string): string[] => resolve(dir).split(sep).filter((n) => n !== "");

/**
 * A folder the config names on the machine it was saved on, found here where the script was: the config
 * says the script is `entryPoint` under `configDir`, and it was found at `scriptPath` (through a scripts
 * folder). The names the two folders end with alike tie the config's project to its copy here, and a path
 * of that project moves with it. Going above the script's own folder needs two names alike
 * (`xgboost_atoz/scripts`), so a scripts folder copied alone never mounts its parent. Undefined when the
 * config's path is on this machine, nothing ties it, or the folder is not here either.
 */
export function movedBesideScript(path: string, configDir: string, scriptPath: string, entryPoint: string): string | undefined {
  noteConsulted(path);
  if (existsSync(path)) return undefined;
  const suffix = `${sep}${entryPoint}`;
  const localDir = scriptPath.endsWith(suffix) ? scriptPath.slice(0, -suffix.length) : dirname(scriptPath);
  const [there, here] = [names(configDir), names(localDir)];
  let alike = 0;
  while (alike < there.length && alike < here.length && there[there.length - 1 - alike] === here[here.length - 1 - alike]) alike++;
  const from = sep + there.slice(0, there.length - alike).join(sep);
  const to = sep + here.slice(0, here.length - alike).join(sep);
  const rest = relative(from, path);
  if (rest.startsWith("..") || isAbsolute(rest)) return undefined;
  const moved = join(to, rest);
  const aboveScript = relative(localDir, moved).startsWith("..");
  if (moved === parse(moved).root || (aboveScript && alike < 2)) return undefined;
  noteConsulted(moved);
  return existsSync(moved) ? moved : undefined;
}
