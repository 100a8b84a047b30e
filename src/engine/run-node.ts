import { lstatSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as msg from "../messages.js";
import type { Failure, NodeRecord, OutputRecord } from "../results/run-record.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import { readHarnessReport } from "./harness-report.js";
import type { ProcessOutcome } from "./node-process.js";
import { describeOutput, listFiles } from "./output-stats.js";
import type { RunObserver } from "./run-events.js";
import { noteUnsettled } from "../io/consults.js";
import { safeSegment } from "../io/safe-segment.js";
import type { StoreEntry } from "./store.js";
import { deliverUserOutput } from "./user-output.js";
import type { ResolvedInput } from "./resolve-inputs.js";
import type { EntryMode } from "./entry-mode.js";
import { decideNode, envValues, scriptPythonPath, type DecisionContext } from "./decide-node.js";
import { bwrapArgs, planSandbox, type Mount } from "./sandbox-plan.js";
import type { PreloadCache } from "./preload-cache.js";
import { reaperFor } from "./reaper.js";
import type { Launcher } from "./launcher.js";
import type { ProcessSlots } from "./process-slots.js";
import { runNodeProcess, type WarmPool } from "./warm-pool.js";

export interface NodeTaskContext extends DecisionContext {
  readonly runId: string;
  readonly runDir: string;
  readonly timeoutMs: number | undefined;
  readonly logLimitBytes: number;
  readonly signal: AbortSignal;
  readonly killNow?: AbortSignal;
  readonly observer: RunObserver;
  /** Learns what each script imports, for the fork servers of later runs. */
  readonly preload?: PreloadCache;
  /** Present when warm interpreters were asked: each record then says how its node ran. */
  readonly warm?: WarmPool;
  /** At most `jobs` node processes at once; absent, a node's process starts as soon as its task runs. */
  readonly slots?: ProcessSlots;
  /** Starts the run's cold processes, so cursus-lab itself forks nothing per node. */
  readonly launcher: Launcher;
  /** cursus-lab's own environment, as each node's process starts from it (read once per one-shot run). */
  readonly startEnv: () => Readonly<Record<string, string>>;
}

/**
 * One node task: decides from its fingerprint whether a stored result can be reused, else runs the
 * script in a staging folder of this run and publishes the outputs to the store on success. The result
 * is a node record; `parents` are the results of the script parents this node waits for.
 */
export async function runNode(spec: ScriptSpec, parents: ReadonlyMap<string, NodeRecord>, ctx: NodeTaskContext): Promise<NodeRecord> {
  const base = baseRecord(spec);
  const blocked = [...parents.values()].find((p) => p.status !== "succeeded");
  if (ctx.signal.aborted || blocked?.status === "interrupted") return pending(base);
  if (blocked !== undefined) {
    const ancestor = blocked.status === "skipped" ? blocked.skippedBecause : blocked.name;
    return { ...base, status: "skipped", skippedBecause: ancestor, durationMs: 0, cache: "miss", cacheReason: msg.ancestorFailed(ancestor) };
  }

  const { store } = ctx;
  const succeeded = new Map([...parents].flatMap(([name, p]) => (p.status === "succeeded" ? [[name, p] as const] : [])));
  const decision = await decideNode(spec, succeeded, ctx);
  const { inputs, parts, fingerprint, entry, found } = decision;
  const withKey = { ...base, fingerprint, entry, entryReason: decision.entryReason };
  const cacheReason = decision.reason;
  if (found.kind === "valid") {
    const at = new Date().toISOString();
    const outputs = await settle(spec, found.entry, store.entryDir(fingerprint), ctx);
    const { startedAt, finishedAt, durationMs } = found.entry.ran;
    const reused = { runId: found.entry.runId, startedAt, finishedAt, durationMs };
    return { ...withKey, status: "succeeded", cache: "hit", cacheReason, startedAt: at, finishedAt: at, durationMs: 0, reused, outputs };
  }

  const nodeDir = join(ctx.runDir, "nodes", safeSegment(spec.node));
  const staging = join(nodeDir, "entry");
  const staged = Object.fromEntries(Object.keys(spec.outputs).map((o) => [o, store.outputDir(staging, o)]));
  for (const dir of [staging, ...Object.values(staged), join(nodeDir, "work"), join(nodeDir, "tmp")]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(nodeDir, "harness-spec.json"), JSON.stringify(harnessSpec(spec, inputs, staged, entry)));
  const harness = [ctx.python.path, ctx.harness.path, join(nodeDir, "harness-spec.json"), join(nodeDir, "harness-report.json")];
  // One plan of the sandbox: bubblewrap performs it for a cold process, a fork performs it for a warm one.
  const sandbox = entry === "script" ? planSandbox(nodeDir, mounts(spec, inputs, staged), visibleTo(spec, ctx, nodeDir), [store.storeDir]) : undefined;
  const [command, ...args] = sandbox === undefined ? harness : ["bwrap", ...bwrapArgs(sandbox), "--", ...harness];

  const ticket = ctx.slots === undefined ? undefined : await ctx.slots.take();
  if (ctx.slots !== undefined && ticket === undefined) return pending(base);
  let startedAt: Date | undefined;
  const logs = { stdout: join(nodeDir, "stdout.log"), stderr: join(nodeDir, "stderr.log") };
  const { outcome, process: how } = await runNodeProcess({
    command: command!,
    args,
    cwd: join(nodeDir, "work"),
    env: processEnv(spec, ctx.startEnv(), entry === "script" ? "/tmp" : join(nodeDir, "tmp")),
    logs,
    logLimitBytes: ctx.logLimitBytes,
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
    ...(ctx.killNow === undefined ? {} : { killNow: ctx.killNow }),
    onLine: (stream, line) => ctx.observer({ type: "node-output", node: spec.node, stream, line }),
    reaper: reaperFor(ctx.python.path, ctx.harness.path),
    onStart: () => {
      startedAt = new Date();
      ctx.observer({ type: "node-started", node: spec.node, at: startedAt.toISOString() });
    },
  }, { argv: harness.slice(1), view: sandbox?.binds }, ctx.warm, entry, spec.scriptPath, ctx.launcher, ticket).finally(() => ticket?.leave());
  const finishedAt = new Date();
  // Stopped while it waited for its slot or its imports: it never ran.
  if (startedAt === undefined && outcome.stoppedBy === "interrupted") return pending(base);
  startedAt ??= finishedAt;
  const report = readHarnessReport(nodeDir);
  if (report?.modules !== undefined) {
    ctx.preload?.learn(ctx.python.path, spec.scriptPath, report.modules);
    ctx.warm?.learned(report.modules);
  }
  const timing = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    ...(report?.cpuMs === undefined ? {} : { cpuMs: report.cpuMs }),
    ...(report?.peakRssKb === undefined ? {} : { peakRssKb: report.peakRssKb }),
  };
  const tail = outcome.tails.stderr.length > 0 ? [...outcome.tails.stderr] : [...outcome.tails.stdout];
  const describeStaged = (): Promise<OutputRecord[]> => Promise.all(Object.entries(staged).map(([o, dir]) => describeOutput(o, dir)));
  const ran = { ...withKey, ...timing, logs, cache: "miss" as const, cacheReason, ...(how === undefined ? {} : { process: how }) };

  if (outcome.stoppedBy === "interrupted") {
    return { ...ran, status: "interrupted", stage: "running", message: msg.stoppedByInterrupt(), tail, outputs: await describeStaged() };
  }
  const failure = (await failureOf(outcome, report, ctx, staged, tail)) ?? (await inputsChanged(inputs, store, tail));
  if (failure !== undefined) {
    // Called through main(), a script gets the interface's names; its own __main__ may use others (payload's output_dir).
    // One that failed while it was imported fails the same way in the production entry.
    const hint = entry === "main" && failure.kind === "exception" && report?.atImport !== true ? msg.mainEntryFailureHint(ctx.entry === "main") : undefined;
    return { ...ran, status: "failed", error: { ...failure, ...(hint === undefined ? {} : { hint }) }, outputs: await describeStaged() };
  }

  const outputDigests: Record<string, string> = {};
  const outputStats: NonNullable<StoreEntry["outputStats"]> = {};
  for (const [o, dir] of Object.entries(staged)) {
    outputDigests[o] = await store.memo.path(dir);
    const { fileCount, totalBytes, files } = await describeOutput(o, dir);
    outputStats[o] = { fileCount, totalBytes, files };
  }
  const stored: StoreEntry = { version: 2, fingerprint, parts, node: spec.node, runId: ctx.runId, ran: timing, outputDigests, outputStats };
  // A valid entry of the same fingerprint (a run at the same time) stays; --force and an entry changed by
  // hand replace it, and the store keeps the old one until runs that may read it have ended.
  const published = store.publish(staging, stored, ctx.force || found.kind === "changed");
  store.memo.rekey(staging, published.dir);
  const outputs = await settle(spec, published.entry, published.dir, ctx);
  return { ...ran, status: "succeeded", outputs };
}

/** After a success or a reuse: the workspace's links and the user's folders show this entry. */
async function settle(spec: ScriptSpec, entry: StoreEntry, dir: string, ctx: NodeTaskContext): Promise<OutputRecord[]> {
  const { store } = ctx;
  const names = Object.keys(spec.outputs);
  store.showViews(spec.node, dir, names);
  store.setLatest(spec.node, { fingerprint: entry.fingerprint, parts: entry.parts, runId: entry.runId });
  return Promise.all(
    names.map(async (o) => {
      const out = spec.outputs[o]!;
      const path = store.outputDir(dir, o);
      if (out.source === "user") {
        // A copy in the user's folder is checked by reading it, which no stamp stands for.
        noteUnsettled(msg.userOutputRead(out.path));
        await deliverUserOutput(path, out.path, entry.fingerprint);
      }
      const shownAt = out.source === "user" ? out.path : store.viewDir(spec.node, o);
      // The entry's files were checked unchanged against their digests, so their counts still hold.
      const stats = entry.outputStats?.[o];
      const described = stats === undefined ? await describeOutput(o, path) : { logicalName: o, path, ...stats };
      return { ...described, shownAt, ...(entry.outputDigests[o] === undefined ? {} : { digest: entry.outputDigests[o] }) };
    }),
  );
}

async function failureOf(
  outcome: ProcessOutcome,
  report: ReturnType<typeof readHarnessReport>,
  ctx: NodeTaskContext,
  staged: Readonly<Record<string, string>>,
  tail: string[],
): Promise<Failure | undefined> {
  const { end } = outcome;
  if (outcome.stoppedBy === "timeout") return { kind: "timeout", message: msg.stoppedByTimeout((ctx.timeoutMs ?? 0) / 1000), tail };
  if (end.kind === "not-started") return { kind: "spawn", message: msg.cannotStartInterpreter(ctx.python.path, end.code), tail };
  if (report?.status === "exception") return { kind: "exception", message: msg.scriptRaised(report.type ?? "Exception", report.message ?? ""), exitCode: end.code ?? 1, tail };
  if (report === undefined || report.status !== "ok" || end.code !== 0) {
    return {
      kind: "exit",
      message: report?.message ?? msg.processExited(end.code, end.signal),
      ...(end.code === null ? {} : { exitCode: end.code }),
      ...(end.signal === null ? {} : { signal: end.signal }),
      tail,
    };
  }
  // A script that swapped its output folder for a link would have the store hold someone else's files.
  const linked = Object.entries(staged).filter(([, dir]) => lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true);
  if (linked.length > 0) return { kind: "missing-output", message: msg.outputsNotFolders(linked.map(([o]) => o)), tail };
  const empty: string[] = [];
  for (const [o, dir] of Object.entries(staged)) if (listFiles(dir).length === 0) empty.push(o);
  return empty.length > 0 ? { kind: "missing-output", message: msg.outputsEmpty(empty), tail } : undefined;
}

/**
 * A script that wrote into its inputs (main() gets the upstream result's own folder) would leave a
 * result computed from other data than its fingerprint says, and the upstream result changed: neither
 * may be stored. The upstream node notices its changed entry on the next run.
 */
async function inputsChanged(inputs: Readonly<Record<string, ResolvedInput>>, store: NodeTaskContext["store"], tail: string[]): Promise<Failure | undefined> {
  const changed: string[] = [];
  for (const [name, input] of Object.entries(inputs)) if (input.digest !== "absent" && (await store.memo.path(input.path)) !== input.digest) changed.push(name);
  return changed.length === 0 ? undefined : { kind: "input-changed", message: msg.inputsChangedByScript(changed), tail };
}

function pending(base: ReturnType<typeof baseRecord>): NodeRecord {
  return { ...base, status: "interrupted", stage: "pending", message: msg.notStartedByInterrupt(), durationMs: 0, tail: [], outputs: [], cache: "miss", cacheReason: msg.notStartedByInterrupt() };
}

function baseRecord(spec: ScriptSpec) {
  return {
    name: spec.node,
    stepType: spec.stepType,
    scriptPath: spec.scriptPath,
    env: envValues(spec),
    args: spec.args.flatMap((a) => (a.off === true ? [] : a.alone === true ? [a.flag] : [a.flag, a.value])),
    inputs: Object.fromEntries(Object.entries(spec.inputs).map(([k, v]) => [k, v.path])),
    spec,
  };
}


/** A private scratch folder per node run: scripts writing under the temp folder see nothing of other runs. */
function processEnv(spec: ScriptSpec, start: Readonly<Record<string, string>>, tmp: string): Record<string, string> {
  return { ...start, ...envValues(spec), PYTHONUNBUFFERED: "1", TMPDIR: tmp, TMP: tmp, TEMP: tmp };
}

/** What the sandbox shows at each container path: inputs read-only, and only those that exist, as in SageMaker. */
function mounts(spec: ScriptSpec, inputs: Readonly<Record<string, ResolvedInput>>, staged: Readonly<Record<string, string>>): Mount[] {
  const fed = Object.entries(inputs).filter(([, i]) => i.digest !== "absent");
  return [
    ...fed.map(([k, i]) => ({ container: spec.inputs[k]!.containerPath, local: i.path, writable: false })),
    ...Object.entries(staged).map(([k, dir]) => ({ container: spec.outputs[k]!.containerPath, local: dir, writable: true })),
  ];
}

/** Host paths the sandboxed harness must still see over its private /tmp. */
function visibleTo(spec: ScriptSpec, ctx: NodeTaskContext, nodeDir: string): string[] {
  const pythonPath = scriptPythonPath(spec).split(":").filter((p) => p !== "");
  return [ctx.store.workspace, nodeDir, spec.scriptPath, ctx.harness.path, ctx.python.path, ...pythonPath];
}

function harnessSpec(spec: ScriptSpec, inputs: Readonly<Record<string, ResolvedInput>>, outputs: Readonly<Record<string, string>>, entry: EntryMode) {
  return {
    entry,
    script: spec.scriptPath,
    inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.path])),
    outputs,
    env: envValues(spec),
    args: spec.args.map(({ flag, dest, value, alone, off }) => ({ flag, dest, value, alone: alone === true, off: off === true })),
  };
}
