import { join } from "node:path";
import { readRunRecord, latestRunFile } from "../../src/results/write-run-record.js";
import type { RunRecord } from "../../src/results/run-record.js";
import { runCli } from "../helpers/run-cli.js";
import { demoConfig, demoDag } from "../kernel/project.js";

/** Runs the demo pipeline with the built CLI into `workspace` and returns the record it wrote. */
export function demoRun(workspace: string, extra: readonly string[] = []): RunRecord {
  const result = runCli(["run", "--dag", demoDag, "--config", demoConfig, "--workspace", workspace, "--jobs", "2", ...extra]);
  if (result.code !== 0 && result.code !== 1) throw new Error(`demo run failed to start:\n${result.stderr}`);
  return readRunRecord(latestRunFile(workspace) ?? join(workspace, "runs", "missing", "run.json"));
}

export const BREAK_CALIBRATION = ["--env", "ModelCalibration_calibration.CALIBRATION_METHOD=no-such-method"] as const;
