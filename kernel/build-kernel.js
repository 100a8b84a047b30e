// Builds the notebook adapter into dist/kernel (JS + .d.ts, what `cursus-lab/kernel` and tslab load) and
// bundles the browser widgets into dist/widgets. Kernel sources import ../src/*.ts for type checking;
// in dist they sit beside the compiled src, so `../src/` becomes `../`. Skips work that is up to date
// (pass --force to rebuild). Run after `tsc -p tsconfig.build.json`, which builds the rest of dist/.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const force = process.argv.includes("--force");

const tsFiles = (dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => join(root, dir, f));
const newest = (files) => Math.max(...files.map((f) => statSync(f).mtimeMs));
const upToDate = (outputs, inputs) => !force && outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= newest(inputs));

function buildKernel() {
  const sources = tsFiles("kernel");
  const outDir = join(root, "dist", "kernel");
  if (upToDate([join(outDir, "index.js"), join(outDir, "index.d.ts")], [...sources, fileURLToPath(import.meta.url)])) return;
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail(d) });
  const scratch = join(root, ".cursus-lab", "kernel-build");
  const options = { ...config.options, rootDir: root, outDir: scratch, noEmit: false, declaration: true, sourceMap: false, declarationMap: false };
  const program = ts.createProgram(sources, options);
  const emittedFrom = join(scratch, "kernel");
  mkdirSync(outDir, { recursive: true });
  const problems = [];
  for (const source of sources) {
    const result = program.emit(program.getSourceFile(source), (file, text) => {
      const rel = relative(emittedFrom, file);
      if (rel.startsWith("..")) return;
      writeAtomically(join(outDir, rel), text.replace(/(["'])\.\.\/src\//g, "$1../"));
    });
    problems.push(...result.diagnostics);
  }
  if (problems.length > 0) fail(problems);
  process.stderr.write(`kernel: built ${sources.length} files into ${relative(root, outDir)}\n`);
}

function buildWidgets() {
  const sources = tsFiles("widgets");
  const outDir = join(root, "dist", "widgets");
  const outputs = sources.map((s) => join(outDir, relative(join(root, "widgets"), s).replace(/\.ts$/, ".js")));
  if (upToDate(outputs, [...sources, fileURLToPath(import.meta.url)])) return;
  // One self-contained IIFE per widget: it is inlined into notebook outputs, where nothing else is loaded.
  const result = buildSync({ entryPoints: sources, outdir: outDir, bundle: true, format: "iife", minify: true, target: "es2020", platform: "browser", logLevel: "error", write: false });
  mkdirSync(outDir, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.text);
  process.stderr.write(`kernel: bundled ${sources.length} widget(s) into ${relative(root, outDir)}\n`);
}

/** Test files build in parallel workers while kernels load these files: a reader never sees half a file. */
function writeAtomically(file, text) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

function fail(diagnostics) {
  const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
  process.stderr.write(ts.formatDiagnostics(list, host));
  process.exit(1);
}

buildKernel();
buildWidgets();
