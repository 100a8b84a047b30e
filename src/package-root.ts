import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The installed package's root folder (holds `catalog/` and the Python harness): the nearest folder
 * above this module whose package.json is cursus-lab's. Found by looking, not by a fixed depth, because
 * this module runs from src/, from dist/ and from the CLI bundle's chunks alike.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "cursus-lab") return dir;
    // A copy without its manifest: the layout of src/ and dist/, one level below the root.
    if (dirname(dir) === dir) return dirname(from);
  }
}

export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
