import { cp, mkdir, readdir, rm, rmdir } from "node:fs/promises";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { isWithin } from "../io/is-within.js";
import { listFiles } from "./output-stats.js";
import { z } from "zod";
import * as msg from "../messages.js";
import { readJsonIf, writeJsonAtomic } from "./atomic-json.js";

/** The list of what cursus-lab copied into a folder the user named; only those files are ever replaced. */
export const MANIFEST_FILE = ".cursus-lab-output.json";
const manifestSchema = z.object({ note: z.string(), fingerprint: z.string(), complete: z.boolean().default(true), files: z.array(z.string()) });

export type UserOutputCheck = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly fix: string };


/**
 * A folder the user named for an output may be used when it is missing, empty, or holds only what
 * cursus-lab copied there before. It may not be the workspace or hold it.
 */
export function checkUserOutput(node: string, output: string, dir: string, workspace: string): UserOutputCheck {
  const target = resolve(dir);
  const ws = resolve(workspace);
  if (isWithin(target, ws) || isWithin(ws, target)) return { ok: false, message: msg.userOutputEnclosesWorkspace(node, output, target, workspace), fix: msg.userOutputEnclosesWorkspaceFix() };
  if (!existsSync(target)) return { ok: true };
  if (!statSync(target).isDirectory()) return { ok: false, message: msg.userOutputNotFolder(node, output, target), fix: msg.userOutputForeignFix() };
  const manifest = readJsonIf(join(target, MANIFEST_FILE), manifestSchema);
  const ours = new Set(manifest?.files ?? []);
  const foreign = listRelative(target).filter((f) => f !== MANIFEST_FILE && !ours.has(f));
  return foreign.length === 0 ? { ok: true } : { ok: false, message: msg.userOutputForeign(node, output, target, foreign), fix: msg.userOutputForeignFix() };
}

/**
 * Replaces what cursus-lab put in `dir` before with the files of `from`; nothing else there is touched.
 * The list of files is written before they are copied, so a copy cut short by a kill is still known as
 * ours, and is finished by the next run.
 */
export async function deliverUserOutput(from: string, dir: string, fingerprint: string): Promise<void> {
  const target = resolve(dir);
  const manifestFile = join(target, MANIFEST_FILE);
  const before = readJsonIf(manifestFile, manifestSchema);
  if (before?.complete === true && before.fingerprint === fingerprint && before.files.every((f) => existsSync(join(target, f)))) return;
  for (const file of before?.files ?? []) {
    const path = join(target, file);
    if (!isWithin(target, path)) continue;
    await rm(path, { force: true });
    await removeEmptyParents(dirname(path), target);
  }
  await mkdir(target, { recursive: true });
  // Regular files only: a link a script left in its output is not followed out of the store.
  const files = listFiles(from).map((f) => relative(from, f));
  writeJsonAtomic(manifestFile, { note: msg.deliveredManifestNote(), fingerprint, complete: false, files: [...new Set([...(before?.files ?? []), ...files])] }, true);
  for (const file of files) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    await cp(join(from, file), join(target, file), { force: true });
  }
  writeJsonAtomic(manifestFile, { note: msg.deliveredManifestNote(), fingerprint, complete: true, files }, true);
}

async function removeEmptyParents(dir: string, stop: string): Promise<void> {
  for (let at = dir; at !== stop && isWithin(stop, at); at = dirname(at)) {
    if ((await readdir(at).catch(() => ["?"])).length > 0) return;
    await rmdir(at).catch(() => {});
  }
}

/** What is in a folder the user named, links included (listed, not followed): anything there may be theirs. */
function listRelative(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(root, full));
    }
  };
  try {
    walk(root);
  } catch {
    return out;
  }
  return out.sort();
}
