import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { DigestMemo } from "./content-digest.js";
import { digestOf } from "./content-digest.js";
import { noteConsulted } from "../io/consults.js";

/** More than this many modules beside one script is a folder of something else; the first ones count. */
const MAX_MODULES = 5000;

/**
 * One digest for the Python modules a script can import from its own folder: the `.py` files beside it
 * and in the folders below it (packages, namespace packages included). Editing a helper module reruns
 * the node. Data files beside the script are not covered: --force reruns after editing one.
 */
export async function scriptModulesDigest(script: string, memo: DigestMemo): Promise<string> {
  const root = dirname(script);
  const found: [string, string][] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries;
    noteConsulted(dir);
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (found.length >= MAX_MODULES) return;
      const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      const full = join(dir, entry.name);
      if (entry.isFile() && entry.name.endsWith(".py") && !(prefix === "" && entry.name === basename(script))) found.push([relative, await memo.file(full)]);
      // Namespace packages need no __init__.py, so every folder below counts.
      else if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "__pycache__") await walk(full, relative);
    }
  };
  await walk(root, "");
  return digestOf(found);
}
