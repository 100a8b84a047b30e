import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { z } from "zod";
import { readJsonIf, writeJsonAtomic } from "./atomic-json.js";
import { checkPython } from "./check-python.js";
import { assertOwnedPath } from "./owned-path.js";

/** The interpreter file's identity: replacing, editing or re-linking it changes one of these. */
const identitySchema = z.object({ realpath: z.string(), dev: z.string(), ino: z.string(), size: z.string(), mtimeNs: z.string(), ctimeNs: z.string() });
type Identity = z.infer<typeof identitySchema>;

const memoSchema = z.record(z.string(), identitySchema.extend({ version: z.string() }));

const MEMO_FILE = "interpreters.json";

/**
 * The interpreter check, answered from `<workspace>/cache/interpreters.json` while the interpreter's file
 * keeps its stat identity, so a run that reuses every node starts no process at all. The answer is the
 * one a check would give: a script (a pyenv shim, a wrapper) picks its interpreter from the environment
 * and the folder at each start, so it is checked every time, as is anything not found.
 */
export async function checkPythonMemoised(python: string, workspace: string): Promise<{ path: string; version: string }> {
  const located = locate(python);
  const before = located === undefined ? undefined : identityOf(located);
  if (located === undefined || before === undefined) return checkPython(python);
  const cache = join(resolve(workspace), "cache");
  const file = join(cache, MEMO_FILE);
  assertOwnedPath(workspace, file);
  const memo = readJsonIf(file, memoSchema) ?? {};
  const known = memo[located];
  if (known !== undefined && sameIdentity(known, before)) return { path: python, version: known.version };
  const answer = await checkPython(python);
  // Kept only if the file did not change while it answered: the answer might be the old file's.
  const after = identityOf(located);
  if (after !== undefined && sameIdentity(after, before)) {
    mkdirSync(cache, { recursive: true });
    assertOwnedPath(workspace, file);
    // Re-read: a run at the same time may have added its interpreter; the last writer wins, whole.
    writeJsonAtomic(file, { ...(readJsonIf(file, memoSchema) ?? {}), [located]: { ...before, version: answer.version } });
  }
  return answer;
}

/** The file a process start would run: a path as given (from the current folder), a bare name from PATH. */
function locate(python: string): string | undefined {
  if (python.includes("/")) return resolve(python);
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = resolve(dir, python);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here: the next folder of PATH.
    }
  }
  return undefined;
}

/** The identity of the file a located interpreter resolves to, unless it is a script or not a file. */
function identityOf(located: string): Identity | undefined {
  try {
    const real = realpathSync(located);
    const s = statSync(real, { bigint: true });
    if (!s.isFile() || startsWithShebang(real)) return undefined;
    return { realpath: real, dev: String(s.dev), ino: String(s.ino), size: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs) };
  } catch {
    return undefined;
  }
}

function startsWithShebang(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head.toString("latin1") === "#!";
  } finally {
    closeSync(fd);
  }
}

function sameIdentity(a: Identity, b: Identity): boolean {
  return a.realpath === b.realpath && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
