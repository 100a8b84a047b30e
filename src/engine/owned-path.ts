import { lstatSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import { isWithin } from "../io/is-within.js";

/**
 * Throws unless every folder from the workspace down to `path` is a real folder (or absent), never a
 * link: cursus-lab deletes and replaces only what it made, and a link planted inside its workspace
 * would point those operations at someone else's files.
 */
export function assertOwnedPath(workspace: string, path: string, checked?: Set<string>): void {
  const root = resolve(workspace);
  const rel = relative(root, resolve(path));
  if (!isWithin(root, path)) throw new CursusLabError("PATH_OUTSIDE_WORKSPACE", msg.pathOutsideWorkspace(path, root), msg.pathInWorkspaceHint());
  let at = root;
  for (const part of rel === "" ? [] : rel.split(sep)) {
    at = `${at}${sep}${part}`;
    // `checked`: folders found real by this caller moments ago (thousands of node folders share the first ones).
    if (checked?.has(at) === true) continue;
    let isLink: boolean;
    try {
      // Absent is the usual answer for a node's folders before its first run: asked without an exception, which costs more than the stat.
      const found = lstatSync(at, { throwIfNoEntry: false });
      if (found === undefined) return; // Absent from here on: nothing to follow.
      isLink = found.isSymbolicLink();
    } catch {
      return; // Not reachable (a file on the way): nothing to follow either.
    }
    if (isLink) throw new CursusLabError("WORKSPACE_LINK", msg.linkInWorkspace(at, root), msg.linkInWorkspaceHint(), { at });
    checked?.add(at);
  }
}

