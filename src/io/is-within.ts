import { isAbsolute, relative, resolve } from "node:path";

/** `child` is `parent` or lies below it, compared as resolved paths (no file system access). */
export function isWithin(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
