import { holdAtomicWriteCleanup } from "../engine/atomic-json.js";
import { checkPythonMemoised } from "../engine/interpreter-memo.js";
import { sandboxSupportMemoised } from "../engine/sandbox-memo.js";
import type { RunObserver } from "../engine/run-events.js";
import { ProblemsError } from "../errors.js";
import * as msg from "../messages.js";
import type { PipelineModel } from "../model/pipeline-model.js";
import { recordContext } from "../results/record-parts.js";
import type { RunRecord } from "../results/run-record.js";
import { writeRunRecord } from "../results/write-run-record.js";
import { DEFAULT_LOG_LIMIT, HARNESS, claimRunDir, defaultJobs, prepareRunFolders, requireConfig, timestampId } from "./prepare-run.js";
import { runOnce } from "./run-once.js";
import { validateRun, type RunSelection } from "./validate-run.js";

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
  /**
   * Fork each node from a server that preloaded what the scripts import (learned from earlier runs, or
   * the settings' `preload`), where that is safe: outputs are the same as a cold run's. Default: the
   * settings' `warm`, else off.
   */
  readonly warm?: boolean;
}

/** Validates everything the run needs, then runs it and writes run.json; no process starts if anything is wrong. */
export async function executeRun(model: PipelineModel, options: RunOptions, observer?: RunObserver): Promise<RunRecord> {
  const { base } = model;
  const config = requireConfig(model);
  const { planned, problems, entry, inRun } = validateRun(model, options);
  if (problems.length > 0) throw new ProblemsError("RUN_BLOCKED", msg.runBlocked(problems.length), problems, msg.runBlockedHint());
  prepareRunFolders(model, planned);
  // Asked now from the workspace's memo, so the nodes' entry choice starts no process when nothing changed.
  if (entry !== "main") sandboxSupportMemoised(base.workspace);
  const python = await checkPythonMemoised(options.python ?? base.python, base.workspace);
  const { runId, runDir } = claimRunDir(base.workspace, options.runId ?? timestampId());
  const releaseCleanup = holdAtomicWriteCleanup();
  const record = await runOnce(
    {
      runId,
      runDir,
      workspace: base.workspace,
      dag: base.dag.source,
      config: config.source,
      python,
      harness: HARNESS,
      jobs: defaultJobs(options.jobs),
      timeoutMs: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
      logLimitBytes: options.logLimitBytes ?? DEFAULT_LOG_LIMIT,
      force: options.force ?? false,
      entry,
      warm: options.warm ?? base.settings?.warm ?? false,
      preload: base.settings?.preload ?? [],
      nodes: planned,
      context: recordContext(model, inRun),
    },
    observer,
    { ...(options.signal === undefined ? {} : { signal: options.signal }), ...(options.killNow === undefined ? {} : { killNow: options.killNow }) },
  ).finally(releaseCleanup);
  writeRunRecord(record);
  return record;
}
