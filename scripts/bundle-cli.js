// Bundles the CLI into dist/cli-bundle: bin/cursus-lab.js loads it instead of dist/cli/main.js. Node 20
// loads ES modules file by file, and the run path alone is ~400 files (zod, the engine, their packages):
// resolving and reading them cost more than node's own start-up. One chunk per command keeps the lazy
// imports of src/cli/main.ts, so `--version` loads no command at all. The library (dist/index.js) is not
// bundled: its users' own tools resolve it.
import { buildSync } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "cli-bundle");
rmSync(outdir, { recursive: true, force: true });
buildSync({
  entryPoints: [join(root, "src", "cli", "main.ts")],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // A native addon, and an optional macOS-only one chokidar may ask for: both stay packages.
  external: ["@resvg/resvg-js", "fsevents"],
  // Some bundled packages are CommonJS: they call require() for Node's own modules and read __filename.
  banner: {
    js: [
      'import { createRequire as __cursusLabRequire } from "node:module";',
      'import { fileURLToPath as __cursusLabPath } from "node:url";',
      "const require = __cursusLabRequire(import.meta.url);",
      "const __filename = __cursusLabPath(import.meta.url);",
      'const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));',
    ].join(" "),
  },
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "error",
});
process.stderr.write(`cli: bundled into ${outdir.slice(root.length + 1)}\n`);
