import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";

/**
 * Creates the workspace folder (and missing parents) one level at a time, so an unusable path fails
 * with the exact folder and reason: Node's recursive mkdir spins forever under /proc and reports only
 * the deepest folder otherwise.
 */
export function prepareWorkspace(workspace: string): void {
  const missing: string[] = [];
  let dir = resolve(workspace);
  while (!exists(dir)) {
    missing.unshift(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const fail = (at: string, why: unknown): never => {
    const where = at === resolve(workspace) ? undefined : at;
    throw new CursusLabError("WORKSPACE_UNUSABLE", msg.workspaceUnusable(workspace, where, reason(why)), msg.workspaceUnusableHint(), { at: workspace });
  };
  // `dir` is now the nearest folder that exists (or the workspace itself).
  if (!statSync(dir).isDirectory()) fail(dir, "it is a file, not a folder");
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      fail(folder, error);
    }
  }
  try {
    accessSync(resolve(workspace), constants.W_OK | constants.X_OK);
  } catch (error) {
    fail(resolve(workspace), error);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function reason(why: unknown): string {
  if (typeof why === "string") return why;
  const code = (why as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "a part of the path is a file, not a folder";
  if (code === "EROFS") return "the file system is read-only";
  // Special file systems such as /proc refuse to make folders this way although the parent exists.
  if (code === "ENOENT") return "this file system does not take new folders here";
  return why instanceof Error ? why.message : String(why);
}
