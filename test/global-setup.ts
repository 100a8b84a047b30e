import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./helpers/fixtures.js";

/**
 * CLI tests run the built CLI (bin/cursus-lab.js -> dist/) as a real process: build dist once per test run.
 * tsc emits even when some file has a type error; the typecheck step reports those, so a built CLI is enough here.
 */
export default function setup(): void {
  const tsc = join(projectRoot, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: projectRoot, encoding: "utf8" });
  if (!existsSync(join(projectRoot, "dist", "cli", "main.js"))) {
    throw new Error(`building dist/ for the CLI tests failed:\n${result.stdout}${result.stderr}`);
  }
  if (result.status !== 0) process.stderr.write(`note: tsc -p tsconfig.build.json reported type errors (dist was still emitted):\n${result.stdout}`);
}
