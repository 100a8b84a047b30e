import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { readJsonIf, writeJsonAtomic } from "../engine/atomic-json.js";
import { assertOwnedPath } from "../engine/owned-path.js";
import type { RunObserver } from "../engine/run-events.js";
import { SANDBOX_HOST, sandboxHost } from "../engine/sandbox-memo.js";
import { Store } from "../engine/store.js";
import { firstChanged, type ConsultLog } from "../io/consults.js";
import * as msg from "../messages.js";
import type { RunRecord } from "../results/run-record.js";
import { writeRunRecord } from "../results/write-run-record.js";
import { claimRunDir, timestampId } from "./prepare-run.js";

/**
 * A run that reused every node is remembered with everything its decisions were read from: the
 * pipeline's files, scripts, inputs, store entries, views and latest results (each path's stat state),
 * and the machine facts its entry choice stood on. The same request finding all of them unchanged
 * would decide every node the same way, so it is answered by one pass of stats instead of loading the
 * pipeline and deciding a thousand nodes again.
 */
const settledSchema = z.object({
  version: z.literal(1),
  request: z.string(),
  paths: z.record(z.string(), z.string()),
  answers: z.record(z.string(), z.string()),
  warnings: z.array(z.string()),
  /** The remembered run's run.json and the SHA-256 of its text. */
  record: z.object({ file: z.string(), sha256: z.string() }),
});

/** Requests remembered per workspace: a few ways of running the same pipeline (`--only`, `--entry`). */
const KEEP = 8;

/** How each answer is asked again; one of another kind (an older cursus-lab's) never matches. */
const ASK_AGAIN: Readonly<Record<string, () => string>> = {
  [SANDBOX_HOST]: () => sandboxHost() ?? "no bubblewrap",
};

export interface SettledRequest {
  readonly workspace: string;
  /** Everything the run was asked with, as one canonical text: flags, folder, environment. */
  readonly key: string;
}

export interface SettledRun {
  /** The pipeline's warnings, as the remembered run printed them before it started. */
  readonly warnings: readonly string[];
  /** Writes this run's own record (every node reused, as in the remembered one), emitting a run's events. */
  replay(observer?: RunObserver): RunRecord;
}

/** The remembered run of this request, when nothing it read has changed; undefined means: decide as usual. */
export function findSettledRun(request: SettledRequest): SettledRun | undefined {
  const started = new Date();
  const memo = readJsonIf(memoFile(request), settledSchema);
  if (memo === undefined || memo.request !== request.key) return undefined;
  if (firstChanged(Object.entries(memo.paths)) !== undefined) return undefined;
  for (const [kind, value] of Object.entries(memo.answers)) if (ASK_AGAIN[kind]?.() !== value) return undefined;
  const text = readIf(memo.record.file);
  if (text === undefined || sha256(text) !== memo.record.sha256) return undefined;
  // The text cursus-lab wrote for a record the engine built, checked whole by its digest above.
  const settled = JSON.parse(text) as RunRecord;
  const checked = Object.keys(memo.paths).length;
  return { warnings: memo.warnings, replay: (observer = () => {}) => replay(request.workspace, settled, checked, started, observer) };
}

function replay(workspace: string, settled: RunRecord, checked: number, started: Date, observer: RunObserver): RunRecord {
  // What every run does first: the trash emptied, a killed run's scratch cleared.
  new Store(workspace);
  const { runId, runDir } = claimRunDir(resolve(workspace), timestampId(started));
  observer({ type: "run-started", runId, nodes: settled.nodes.map((n) => n.name), jobs: settled.jobs });
  const at = started.toISOString();
  const nodes = settled.nodes.map((n) => (n.status === "succeeded" ? { ...n, startedAt: at, finishedAt: at } : n));
  for (const node of nodes) observer({ type: "node-finished", node: node.name, record: node });
  const finished = new Date();
  const record: RunRecord = {
    ...settled,
    runId,
    runDir,
    startedAt: at,
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    nodes,
    settled: { from: settled.runId, paths: checked },
  };
  writeRunRecord(record);
  observer({ type: "run-finished", runId, status: record.status });
  return record;
}

/**
 * Remembers a run whose every node was reused, unless something it read may not be vouched for by its
 * state (a stamp too fresh to trust, a path changed since it was read, the run's own repairs included,
 * an interpreter asked at each start, a copy in the user's folder). Returns why it was not remembered, or undefined.
 */
export function rememberSettledRun(request: SettledRequest, log: ConsultLog, record: RunRecord, warnings: readonly string[]): string | undefined {
  if (record.nodes.length === 0 || record.nodes.some((n) => n.status !== "succeeded" || n.cache !== "hit")) return msg.notEveryNodeReused();
  const unsettled = log.unsettled();
  if (unsettled !== undefined) return unsettled;
  const file = memoFile(request);
  const folder = join(resolve(request.workspace), "cache", "settled");
  assertOwnedPath(request.workspace, file);
  mkdirSync(folder, { recursive: true });
  const recordFile = join(record.runDir, "run.json");
  const text = readIf(recordFile);
  if (text === undefined) return msg.recordUnreadable(recordFile);
  writeJsonAtomic(file, {
    version: 1,
    request: request.key,
    paths: Object.fromEntries(log.paths),
    answers: Object.fromEntries(log.answers),
    warnings: [...warnings],
    record: { file: recordFile, sha256: sha256(text) },
  } satisfies z.infer<typeof settledSchema>);
  prune(folder);
  return undefined;
}

function memoFile(request: SettledRequest): string {
  return join(resolve(request.workspace), "cache", "settled", `${sha256(request.key)}.json`);
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

function readIf(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Keeps the most recently written memos; another run may be pruning too, so a file already gone is fine. */
function prune(folder: string): void {
  const files = readdirSync(folder).filter((n) => n.endsWith(".json"));
  if (files.length <= KEEP) return;
  const aged = files.map((name) => ({ name, at: statSync(join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.at - a.at);
  for (const { name } of aged.slice(KEEP)) rmSync(join(folder, name), { force: true });
}
