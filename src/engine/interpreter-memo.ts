import { closeSync, mkdirSync, openSync, readSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { readJsonIf, writeJsonAtomic } from "./atomic-json.js";
import { checkPython } from "./check-python.js";
import { fileIdentity, fileIdentitySchema, locateCommand, sameIdentity, type FileIdentity } from "./file-identity.js";
import { assertOwnedPath } from "./owned-path.js";
import { noteUnsettled } from "../io/consults.js";
import * as msg from "../messages.js";

const memoSchema = z.record(z.string(), fileIdentitySchema.extend({ version: z.string() }));

const MEMO_FILE = "interpreters.json";

/**
 * The interpreter check, answered from `<workspace>/cache/interpreters.json` while the interpreter's file
 * keeps its stat identity, so a run that reuses every node starts no process at all. The answer is the
 * one a check would give: a script (a pyenv shim, a wrapper) picks its interpreter from the environment
 * and the folder at each start, so it is checked every time, as is anything not found.
 */
export async function checkPythonMemoised(python: string, workspace: string): Promise<{ path: string; version: string }> {
  const located = locateCommand(python);
  const before = located === undefined ? undefined : identityOf(located);
  if (located === undefined || before === undefined) {
    noteUnsettled(msg.interpreterAskedEachStart(python));
    return checkPython(python);
  }
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

/** The identity of the file a located interpreter resolves to, unless it is a script or not a file. */
function identityOf(located: string): FileIdentity | undefined {
  const identity = fileIdentity(located);
  try {
    return identity === undefined || startsWithShebang(identity.realpath) ? undefined : identity;
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
