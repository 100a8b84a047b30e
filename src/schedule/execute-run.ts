import type { PipelineModel } from "../model/pipeline-model.js";
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { assertOwnedPath } from "../engine/owned-path.js";
import { CursusLabError, ProblemsError } from "../errors.js";
import * as msg from "../messages.js";
import { packageRoot } from "../package-root.js";
import type { RunRecord } from "../results/run-record.js";
import { writeRunRecord } from "../results/write-run-record.js";
import { checkPython } from "../engine/check-python.js";
import { prepareWorkspace } from "../engine/workspace.js";
import type { RunObserver } from "../engine/run-events.js";
import { runOnce } from "./run-once.js";
import { validateRun, type RunSelection } from "./validate-run.js";

import { writeGeneratedInputs } from "../model/generated-inputs.js";
import { recordContext } from "../results/record-parts.js";

export interface RunOptions extends RunSelection {
  /** Nodes run at once; default: the number of cores. */
  readonly jobs?: number;
  /** A node still running after this many seconds is stopped with its child processes. */
  readonly timeoutSeconds?: number;
  /** Run every node even when its cache entry matches. */
  readonly force?: boolean;
  readonly python?: string;
  readonly runId?: string;
  /** Aborting stops running nodes, skips the rest, and still writes run.json. */
  readonly signal?: AbortSignal;
  /** Aborting kills running nodes at once, without the grace period `signal` gives them. */
  readonly killNow?: AbortSignal;
  /** Each node's stdout and stderr log keeps at most this many bytes; default 64 MiB. */
  readonly logLimitBytes?: number;
}

const DEFAULT_LOG_LIMIT = 64 * 1024 * 1024;

export const HARNESS = join(packageRoot, "python", "cursus_lab_harness.py");

/** Validates everything the run needs, then runs it and writes run.json; no process starts if anything is wrong. */
export async function executeRun(model: PipelineModel, options: RunOptions, observer?: RunObserver): Promise<RunRecord> {
  const { base } = model;
  if (base.config === undefined) throw new CursusLabError("CONFIG_REQUIRED", msg.runNeedsConfig(), msg.runNeedsConfigHint());
  const config = base.config;
  const { planned, problems, entry, inRun } = validateRun(model, options);
  if (problems.length > 0) throw new ProblemsError("RUN_BLOCKED", msg.runBlocked(problems.length), problems, msg.runBlockedHint());

  prepareWorkspace(base.workspace);
  // A link planted in the workspace would turn cursus-lab's deletes and replaces onto other files.
  for (const { spec } of planned) {
    for (const path of [...Object.values(spec.outputs).filter((o) => o.source === "default").map((o) => o.path), ...Object.values(spec.inputs).filter((i) => i.source === "default").map((i) => i.path)]) {
      assertOwnedPath(base.workspace, dirname(path));
    }
  }
  // Written now, not when the spec is resolved, so the input digest (and the cache key) sees the config's current content.
  for (const { spec } of planned) writeGeneratedInputs(model.requirements(spec.node), spec);
  const python = await checkPython(options.python ?? base.python);
  const { runId, runDir } = claimRunDir(base.workspace, options.runId ?? new Date().toISOString().replace(/[:.]/g, "-"));
  const record = await runOnce(
    {
      runId,
      runDir,
      workspace: base.workspace,
      dag: base.dag.source,
      config: config.source,
      python,
      harness: HARNESS,
      jobs: Math.max(1, options.jobs ?? availableParallelism()),
      timeoutMs: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
      logLimitBytes: options.logLimitBytes ?? DEFAULT_LOG_LIMIT,
      force: options.force ?? false,
      entry,
      nodes: planned,
      context: recordContext(base, base.wiring.wires.filter((w) => inRun.has(w.node))),
    },
    observer,
    { ...(options.signal === undefined ? {} : { signal: options.signal }), ...(options.killNow === undefined ? {} : { killNow: options.killNow }) },
  );
  writeRunRecord(record);
  return record;
}

/** A run folder of its own, even for two runs started in the same millisecond. */
function claimRunDir(workspace: string, wanted: string): { runId: string; runDir: string } {
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
