import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (this file is test/kernel/project.ts). */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const demoDag = join(root, "notebooks", "demo-pipeline", "pipeline.dag.json");
export const demoConfig = join(root, "notebooks", "demo-pipeline", "config.json");
export const demoData = (split: "training" | "calibration"): string => join(root, "notebooks", "demo-pipeline", "data", split);

/** The shared real cursus files (CURSUS_FIXTURES overrides, as in the fixtures notebook). */
export const cursusFixtures = process.env["CURSUS_FIXTURES"] ?? resolve(root, "..", "shared", "fixtures", "cursus");

/** Kept after the run: screenshots, exported HTML, timings. */
export function artifactsDir(): string {
  const dir = join(root, "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Builds dist/kernel and the widget bundle when their sources changed, and writes the project-local
 * kernel spec: what set-up does, so these tests also run right after an edit.
 */
export function registerKernel(): void {
  const result = spawnSync("bash", [join(root, "scripts", "register-kernel.sh")], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`scripts/register-kernel.sh failed:\n${result.stdout}${result.stderr}`);
}
