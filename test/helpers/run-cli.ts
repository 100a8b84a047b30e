import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "./fixtures.js";

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (bin/cursus-lab.js, which loads dist/) as a real process. */
export function runCli(args: readonly string[], cwd: string = projectRoot): CliResult {
  const result = spawnSync(process.execPath, [join(projectRoot, "bin", "cursus-lab.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    timeout: 60_000,
  });
  if (result.error !== undefined) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
