import { cp, mkdir, readdir, rm, rmdir } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { z } from "zod";
import * as msg from "../messages.js";
import { readJsonIf, writeJsonAtomic } from "./atomic-json.js";

/** The list of what cursus-lab copied into a folder the user named; only those files are ever replaced. */
export const MANIFEST_FILE = ".cursus-lab-output.json";
const manifestSchema = z.object({ note: z.string(), fingerprint: z.string(), files: z.array(z.string()) });

export type UserOutputCheck = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly fix: string };

const inside = (child: string, parent: string): boolean => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/**
 * A folder the user named for an output may be used when it is missing, empty, or holds only what
 * cursus-lab copied there before. It may not be the workspace or hold it.
 */
export function checkUserOutput(node: string, output: string, dir: string, workspace: string): UserOutputCheck {
  const target = resolve(dir);
  if (inside(resolve(workspace), target)) return { ok: false, message: msg.userOutputEnclosesWorkspace(node, output, target, workspace), fix: msg.userOutputEnclosesWorkspaceFix() };
  if (!existsSync(target)) return { ok: true };
  const manifest = readJsonIf(join(target, MANIFEST_FILE), manifestSchema);
  const ours = new Set(manifest?.files ?? []);
  const foreign = listRelative(target).filter((f) => f !== MANIFEST_FILE && !ours.has(f));
  return foreign.length === 0 ? { ok: true } : { ok: false, message: msg.userOutputForeign(node, output, target, foreign), fix: msg.userOutputForeignFix() };
}

/** Replaces what cursus-lab put in `dir` before with the files of `from`; nothing else there is touched. */
export async function deliverUserOutput(from: string, dir: string, fingerprint: string): Promise<void> {
  const target = resolve(dir);
  const manifestFile = join(target, MANIFEST_FILE);
  const before = readJsonIf(manifestFile, manifestSchema);
  if (before?.fingerprint === fingerprint) return;
  for (const file of before?.files ?? []) {
    const path = join(target, file);
    if (!inside(path, target)) continue;
    await rm(path, { force: true });
    await removeEmptyParents(dirname(path), target);
  }
  await mkdir(target, { recursive: true });
  const files = listRelative(from);
  for (const file of files) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    await cp(join(from, file), join(target, file), { force: true, dereference: true });
  }
  writeJsonAtomic(manifestFile, { note: msg.deliveredManifestNote(), fingerprint, files }, true);
}

async function removeEmptyParents(dir: string, stop: string): Promise<void> {
  for (let at = dir; at !== stop && inside(at, stop); at = dirname(at)) {
    if ((await readdir(at).catch(() => ["?"])).length > 0) return;
    await rmdir(at).catch(() => {});
  }
}

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
