import { existsSync } from "node:fs";
import { dirname, relative } from "node:path";
import { MIN_NAMES_ALIKE, movedPath, projectMove, scriptFolder } from "../discovery/project-move.js";
import { noteConsulted } from "../io/consults.js";

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
  const localDir = scriptFolder(scriptPath, entryPoint) ?? dirname(scriptPath);
  const move = projectMove(configDir, localDir);
  const moved = movedPath(path, move);
  if (moved === undefined || (relative(localDir, moved).startsWith("..") && move.alike < MIN_NAMES_ALIKE)) return undefined;
  noteConsulted(moved);
  return existsSync(moved) ? moved : undefined;
}
