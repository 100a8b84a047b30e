import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import type { Failure, OutputRecord } from "../results/run-record.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import { LineTail } from "./line-tail.js";
import { describeOutput, listFiles } from "./output-stats.js";

export interface NodeJob {
  readonly spec: ScriptSpec;
  readonly runId: string;
  readonly python: string;
  readonly harness: string;
  /** Logs, the harness spec and report, and the script's working folder go under here. */
  readonly nodeDir: string;
  readonly timeoutMs: number | undefined;
  readonly signal: AbortSignal;
  readonly onLine: (stream: "stdout" | "stderr", line: string) => void;
}

export interface NodeOutcome {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly cpuMs?: number;
  readonly peakRssKb?: number;
  readonly logs: { stdout: string; stderr: string };
  readonly outputs: OutputRecord[];
  readonly failure?: Failure;
}

interface HarnessReport {
  status: "ok" | "exception" | "exit";
  type?: string;
  message?: string;
  exitCode?: number;
  cpuMs?: number;
  peakRssKb?: number;
}

const TAIL_LINES = 40;
const KILL_GRACE_MS = 2000;

/** Optional inputs with no data still get an empty folder: cursus scripts index every declared key. */
export function prepareInputs(spec: ScriptSpec): void {
  for (const input of Object.values(spec.inputs)) if (input.source === "default") mkdirSync(input.path, { recursive: true });
}

/**
 * Runs one script node as its own process group through the Python harness. Outputs are written to
 * staging folders and moved into place only on success, so a failed or interrupted node never destroys
 * the outputs of its last good run.
 */
export async function runNode(job: NodeJob): Promise<NodeOutcome> {
  const { spec, nodeDir } = job;
  mkdirSync(nodeDir, { recursive: true });
  const staging = Object.fromEntries(Object.entries(spec.outputs).map(([logical, o]) => [logical, `${o.path}.partial`]));
  for (const dir of Object.values(staging)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  const specFile = join(nodeDir, "harness-spec.json");
  const reportFile = join(nodeDir, "harness-report.json");
  rmSync(reportFile, { force: true });
  const env = Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, v.value]));
  writeFileSync(
    specFile,
    JSON.stringify({
      script: spec.scriptPath,
      inputs: Object.fromEntries(Object.entries(spec.inputs).map(([k, v]) => [k, v.path])),
      outputs: staging,
      env,
      args: spec.args.map(({ flag, dest, value }) => ({ flag, dest, value })),
    }),
  );

  const logs = { stdout: join(nodeDir, "stdout.log"), stderr: join(nodeDir, "stderr.log") };
  const workDir = join(nodeDir, "work");
  mkdirSync(workDir, { recursive: true });
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const child = execa(job.python, [job.harness, specFile, reportFile], {
    cwd: workDir,
    env: { ...env, PYTHONUNBUFFERED: "1" },
    extendEnv: true,
    stdin: "ignore",
    buffer: false,
    reject: false,
    detached: true,
    cleanup: true,
  });

  const tails = { stdout: new LineTail(TAIL_LINES, (l) => job.onLine("stdout", l)), stderr: new LineTail(TAIL_LINES, (l) => job.onLine("stderr", l)) };
  for (const stream of ["stdout", "stderr"] as const) {
    const file = createWriteStream(logs[stream]);
    child[stream]?.setEncoding("utf8");
    child[stream]?.on("data", (chunk: string) => {
      file.write(chunk);
      tails[stream].push(chunk);
    });
    child[stream]?.on("close", () => file.end());
  }

  let stoppedBy: "timeout" | "interrupted" | undefined;
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const stop = (why: "timeout" | "interrupted"): void => {
    stoppedBy ??= why;
    killGroup("SIGTERM");
    setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS).unref();
  };
  const timer = job.timeoutMs === undefined ? undefined : setTimeout(() => stop("timeout"), job.timeoutMs);
  const onAbort = (): void => stop("interrupted");
  job.signal.addEventListener("abort", onAbort);
  if (job.signal.aborted) onAbort();
  // A grandchild left running by the script would hold the pipes open: end the whole group once the script exits.
  child.once("exit", () => killGroup("SIGKILL"));

  const result = await child;
  if (timer !== undefined) clearTimeout(timer);
  job.signal.removeEventListener("abort", onAbort);
  tails.stdout.end();
  tails.stderr.end();
  const finished = Date.now();
  const report = readReport(reportFile);
  const timing = {
    startedAt,
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    ...(report?.cpuMs === undefined ? {} : { cpuMs: report.cpuMs }),
    ...(report?.peakRssKb === undefined ? {} : { peakRssKb: report.peakRssKb }),
    logs,
  };
  const tail = tails.stderr.last.length > 0 ? tails.stderr.last : tails.stdout.last;

  let failure: Failure | undefined;
  if (stoppedBy === "timeout") {
    failure = { kind: "timeout", message: `stopped after ${Math.round((job.timeoutMs ?? 0) / 1000)} s (--timeout), with its child processes`, tail };
  } else if (stoppedBy === "interrupted") {
    failure = { kind: "interrupted", message: "stopped: the run was interrupted", tail };
  } else if (result.failed && report === undefined && (result.code === "ENOENT" || result.code === "EACCES")) {
    failure = { kind: "spawn", message: `cannot start the interpreter ${job.python} (${result.code})`, tail };
  } else if (report?.status === "exception") {
    failure = { kind: "exception", message: `${report.type ?? "Exception"}: ${report.message ?? ""}`, exitCode: result.exitCode ?? 1, tail };
  } else if (report === undefined || report.status !== "ok" || result.exitCode !== 0) {
    failure = {
      kind: "exit",
      message: report?.message ?? (result.signal === undefined ? `the process exited with code ${result.exitCode ?? "?"}` : `the process was killed by ${result.signal}`),
      ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
      ...(result.signal === undefined ? {} : { signal: result.signal }),
      tail,
    };
  } else {
    const empty = [];
    for (const [logical, dir] of Object.entries(staging)) if ((await listFiles(dir)).length === 0) empty.push(logical);
    if (empty.length > 0) failure = { kind: "missing-output", message: `declared output ${empty.join(", ")} is empty: the script wrote nothing there`, tail };
  }

  if (failure === undefined) {
    for (const [logical, dir] of Object.entries(staging)) {
      const final = spec.outputs[logical]!.path;
      rmSync(final, { recursive: true, force: true });
      renameSync(dir, final);
    }
  }
  const outputs = await Promise.all(
    Object.entries(staging).map(([logical, dir]) => describeOutput(logical, failure === undefined ? spec.outputs[logical]!.path : dir)),
  );
  return { ...timing, outputs, ...(failure === undefined ? {} : { failure }) };
}

function readReport(file: string): HarnessReport | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as HarnessReport;
  } catch {
    return undefined;
  }
}
