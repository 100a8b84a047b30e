import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import * as msg from "../messages.js";
import { BoundedLog } from "./bounded-log.js";
import { LineTail } from "./line-tail.js";
import { killOwned, OWNER_VARIABLE } from "./process-sweep.js";

export interface ProcessJob {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The whole environment of the process. */
  readonly env: Readonly<Record<string, string>>;
  readonly logs: { readonly stdout: string; readonly stderr: string };
  readonly logLimitBytes: number;
  readonly timeoutMs: number | undefined;
  /** Stops the process tree: SIGTERM, then SIGKILL after a grace period. */
  readonly signal: AbortSignal;
  /** Stops it with SIGKILL at once (a second Ctrl-C). */
  readonly killNow?: AbortSignal;
  readonly onLine: (stream: "stdout" | "stderr", line: string) => void;
}

export interface ProcessOutcome {
  readonly end: { readonly kind: "exited"; readonly code: number | null; readonly signal: NodeJS.Signals | null } | { readonly kind: "not-started"; readonly code: string };
  readonly stoppedBy: "timeout" | "interrupted" | undefined;
  readonly tails: { readonly stdout: readonly string[]; readonly stderr: readonly string[] };
}

const TAIL_LINES = 40;
const TAIL_LINE_CHARS = 2000;
const KILL_GRACE_MS = 1000;
/** How long output still in the pipes is read after the process exited. */
const DRAIN_MS = 300;
/** setTimeout's limit; a longer timeout is no timeout at all in practice. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs one process in its own group with a token in its environment, so every process it starts can
 * be found and killed, including those that left the group. It ends when the process itself exits:
 * a grandchild holding the pipes open does not keep it waiting, and is killed then.
 * fd 3 is a pipe only we hold the other end of: the harness watches it and kills the tree when we die.
 */
export function runProcess(job: ProcessJob): Promise<ProcessOutcome> {
  const token = randomBytes(12).toString("hex");
  const logs = { stdout: new BoundedLog(job.logs.stdout, job.logLimitBytes), stderr: new BoundedLog(job.logs.stderr, job.logLimitBytes) };
  const tails = { stdout: new LineTail(TAIL_LINES, TAIL_LINE_CHARS, (l) => job.onLine("stdout", l)), stderr: new LineTail(TAIL_LINES, TAIL_LINE_CHARS, (l) => job.onLine("stderr", l)) };
  const child = spawn(job.command, [...job.args], {
    cwd: job.cwd,
    env: { ...job.env, [OWNER_VARIABLE]: token, CURSUS_LAB_WATCH_FD: "3" },
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    detached: true,
  }) as ChildProcessByStdio<null, Readable, Readable>;

  return new Promise((resolvePromise) => {
    let stoppedBy: ProcessOutcome["stoppedBy"];
    let ended = false;
    const timers: NodeJS.Timeout[] = [];
    const kill = (signal: NodeJS.Signals): void => void killOwned(child.pid, token, signal);
    const stop = (why: "timeout" | "interrupted", grace: boolean): void => {
      if (ended) return;
      stoppedBy ??= why;
      if (!grace) return kill("SIGKILL");
      kill("SIGTERM");
      timers.push(setTimeout(() => kill("SIGKILL"), KILL_GRACE_MS));
    };
    if (job.timeoutMs !== undefined && job.timeoutMs <= MAX_TIMER_MS) timers.push(setTimeout(() => stop("timeout", true), job.timeoutMs));
    const onAbort = (): void => stop("interrupted", true);
    const onKillNow = (): void => stop("interrupted", false);
    job.signal.addEventListener("abort", onAbort);
    job.killNow?.addEventListener("abort", onKillNow);

    for (const stream of ["stdout", "stderr"] as const) {
      child[stream].on("data", (chunk: Buffer) => {
        logs[stream].write(chunk);
        tails[stream].push(chunk.toString("utf8"));
      });
    }

    const finish = (end: ProcessOutcome["end"]): void => {
      if (ended) return;
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      job.signal.removeEventListener("abort", onAbort);
      job.killNow?.removeEventListener("abort", onKillNow);
      // Whatever the script left behind (daemons included) ends with it.
      kill("SIGKILL");
      const closed = (stream: "stdout" | "stderr"): Promise<void> =>
        new Promise((done) => {
          const pipe = child[stream];
          if (pipe === null || pipe.readableEnded || pipe.destroyed) return done();
          const timer = setTimeout(() => {
            pipe.destroy();
            done();
          }, DRAIN_MS);
          pipe.once("close", () => {
            clearTimeout(timer);
            done();
          });
        });
      void Promise.all([closed("stdout"), closed("stderr")]).then(() => {
        child.stdio[3]?.destroy();
        for (const stream of ["stdout", "stderr"] as const) {
          tails[stream].end();
          logs[stream].close(msg.logTruncated);
        }
        resolvePromise({ end, stoppedBy, tails: { stdout: tails.stdout.last, stderr: tails.stderr.last } });
      });
    };
    child.once("error", (error: NodeJS.ErrnoException) => finish({ kind: "not-started", code: error.code ?? "ERROR" }));
    child.once("exit", (code, signal) => finish({ kind: "exited", code, signal }));
    if (job.signal.aborted) onAbort();
    if (job.killNow?.aborted === true) onKillNow();
  });
}
