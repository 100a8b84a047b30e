import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { assertOwnedPath } from "../engine/owned-path.js";
import { prepareWorkspace } from "../engine/workspace.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import { writeGeneratedInputs } from "../model/generated-inputs.js";
import type { PipelineModel } from "../model/pipeline-model.js";
import { packageRoot } from "../package-root.js";
import type { PlannedNode } from "./run-once.js";

export const HARNESS = join(packageRoot, "python", "cursus_lab_harness.py");

/** Each node's stdout and stderr log keeps at most this many bytes unless told otherwise. */
export const DEFAULT_LOG_LIMIT = 64 * 1024 * 1024;

/** Nodes computed at once: the number of cores unless told otherwise. */
export const defaultJobs = (jobs: number | undefined): number => Math.max(1, jobs ?? availableParallelism());

/** A run id that sorts by time and is a plain folder name. */
export const timestampId = (at: Date = new Date()): string => at.toISOString().replace(/[:.]/g, "-");

/** Running needs the config: its values are what a run is made of. */
export function requireConfig(model: PipelineModel): PipelineConfig {
  if (model.base.config === undefined) throw new CursusLabError("CONFIG_REQUIRED", msg.runNeedsConfig(), msg.runNeedsConfigHint());
  return model.base.config;
}

/**
 * What every scheduler does before a node is decided: the workspace made, checked for links planted in
 * the folders it manages (its deletes and replaces would reach other files), and the inputs written from
 * the config, so their digests (and the cache keys) see the config's current content.
 */
export function prepareRunFolders(model: PipelineModel, planned: readonly PlannedNode[]): void {
  const { workspace } = model.base;
  prepareWorkspace(workspace);
  // Nodes' folders share their first levels, and a node's inputs and outputs their folders: each is checked once.
  const checked = new Set<string>();
  for (const { spec } of planned) {
    for (const entry of [...Object.values(spec.outputs), ...Object.values(spec.inputs)]) if (entry.source === "default") assertOwnedPath(workspace, dirname(entry.path), checked);
    writeGeneratedInputs(model.requirements(spec.node), spec);
  }
}

/** A run folder of its own, even for two runs started in the same millisecond. */
export function claimRunDir(workspace: string, wanted: string): { runId: string; runDir: string } {
  assertOwnedPath(workspace, join(workspace, "runs"));
  mkdirSync(join(workspace, "runs"), { recursive: true });
  for (let n = 1; ; n++) {
    const runId = n === 1 ? wanted : `${wanted}-${n}`;
    const runDir = join(workspace, "runs", runId);
    try {
      mkdirSync(runDir);
      return { runId, runDir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
