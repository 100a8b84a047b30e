import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { delimiter, resolve } from "node:path";
import { z } from "zod";
import { noteConsulted } from "../io/consults.js";

/** A file's identity: replacing, editing (ctime moves even when size and mtime are put back) or re-linking it changes one of these. */
export const fileIdentitySchema = z.object({ realpath: z.string(), dev: z.string(), ino: z.string(), size: z.string(), mtimeNs: z.string(), ctimeNs: z.string() });
export type FileIdentity = z.infer<typeof fileIdentitySchema>;

/** The file a process start would run: a path as given (from the current folder), a bare name from PATH. */
export function locateCommand(command: string): string | undefined {
  if (command.includes("/")) return resolve(command);
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = resolve(dir, command);
    noteConsulted(candidate);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here: the next folder of PATH.
    }
  }
  return undefined;
}

/** The identity of the regular file a path resolves to, or undefined when there is none. */
export function fileIdentity(path: string): FileIdentity | undefined {
  noteConsulted(path);
  try {
    const real = realpathSync(path);
    noteConsulted(real);
    const s = statSync(real, { bigint: true });
    if (!s.isFile()) return undefined;
    return { realpath: real, dev: String(s.dev), ino: String(s.ino), size: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs) };
  } catch {
    return undefined;
  }
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.realpath === b.realpath && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
