import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import { listFiles } from "./output-stats.js";

/** A file's content hash, remembered by size and mtime so unchanged files are not read again. */
export interface FileHashMemo {
  [path: string]: { size: number; mtimeMs: number; sha256: string };
}

export async function hashFile(file: string, memo: FileHashMemo): Promise<string> {
  const { size, mtimeMs } = await stat(file);
  const known = memo[file];
  if (known !== undefined && known.size === size && known.mtimeMs === mtimeMs) return known.sha256;
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  const sha256 = hash.digest("hex");
  memo[file] = { size, mtimeMs, sha256 };
  return sha256;
}

/** One hash for a file or a whole folder: relative paths and contents, so a rename counts as a change. */
export async function hashPath(path: string, memo: FileHashMemo): Promise<string> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    return "absent";
  }
  if (!isDir) return hashFile(path, memo);
  const hash = createHash("sha256");
  for (const file of await listFiles(path)) {
    hash.update(relative(path, file)).update("\0").update(await hashFile(file, memo)).update("\0");
  }
  return hash.digest("hex");
}
