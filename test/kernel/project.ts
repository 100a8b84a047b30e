import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { projectRoot as root } from "../helpers/fixtures.js";

export { cursusFixtures, demoConfig, demoDag, demoData, projectRoot as root, notebookDir, tempDir } from "../helpers/fixtures.js";

/** Kept after the run: screenshots, exported HTML, timings. */
export function artifactsDir(): string {
  const dir = join(root, "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Builds dist/kernel and the widget bundle when their sources changed, and writes the project-local
 * kernel spec: what set-up does, so these tests also run right after an edit.
 */
export function registerKernel(): void {
  const result = spawnSync("bash", [join(root, "scripts", "register-kernel.sh")], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`scripts/register-kernel.sh failed:\n${result.stdout}${result.stderr}`);
}
