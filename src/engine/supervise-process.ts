import * as msg from "../messages.js";
import { BoundedLog } from "./bounded-log.js";
import { LineTail } from "./line-tail.js";
import type { Reaper } from "./reaper.js";

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
  /** Ends the process's tree if cursus-lab dies first. */
  readonly reaper: Reaper;
  /** Called when the process starts: a fork server may hold it back (imports, or a slot still taken). */
  readonly onStart?: () => void;
}

export interface ProcessOutcome {
  readonly end: { readonly kind: "exited"; readonly code: number | null; readonly signal: NodeJS.Signals | null } | { readonly kind: "not-started"; readonly code: string };
  readonly stoppedBy: "timeout" | "interrupted" | undefined;
  readonly tails: { readonly stdout: readonly string[]; readonly stderr: readonly string[] };
}

export type ProcessEnd = ProcessOutcome["end"];

/** A process the run was stopped before it could start: the node never ran. */
export const neverStarted = (): ProcessOutcome => ({ end: { kind: "not-started", code: "INTERRUPTED" }, stoppedBy: "interrupted", tails: { stdout: [], stderr: [] } });

/** A node process as the supervisor sees it, however it was started (spawned, or forked by the fork server). */
export interface StartedProcess {
  /** Resolves when the process runs; the timeout counts from then. */
  readonly began: Promise<void>;
  /** Signals the process's group and every process carrying the node's token. */
  readonly kill: (signal: NodeJS.Signals) => void;
  readonly exited: Promise<ProcessEnd>;
  /** Resolves when both output streams have ended. */
  readonly closed: Promise<void>;
  /** Stops reading what is left (a grandchild may hold the streams open) and lets go of the process. */
  readonly release: () => void;
}

export interface OutputSink {
  readonly data: (stream: "stdout" | "stderr", chunk: Buffer) => void;
}

const TAIL_LINES = 40;
const TAIL_LINE_CHARS = 2000;
const KILL_GRACE_MS = 1000;
/** How long output still in the pipes is read after the process exited. */
export const DRAIN_MS = 300;
/** setTimeout's limit; a longer timeout is no timeout at all in practice. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Bounded logs, tails, `node-output` lines, the timeout and both kinds of interrupt for one node process,
 * the same for a cold process and a forked one. It ends when the process itself exits: a grandchild
 * holding the streams open does not keep it waiting, and is killed then.
 */
export function superviseProcess(job: ProcessJob, start: (sink: OutputSink) => StartedProcess): Promise<ProcessOutcome> {
  const logs = { stdout: new BoundedLog(job.logs.stdout, job.logLimitBytes), stderr: new BoundedLog(job.logs.stderr, job.logLimitBytes) };
  const tails = { stdout: new LineTail(TAIL_LINES, TAIL_LINE_CHARS, (l) => job.onLine("stdout", l)), stderr: new LineTail(TAIL_LINES, TAIL_LINE_CHARS, (l) => job.onLine("stderr", l)) };
  const started = start({
    data: (stream, chunk) => {
      logs[stream].write(chunk);
      tails[stream].push(chunk.toString("utf8"));
    },
  });

  return new Promise((resolvePromise) => {
    let stoppedBy: ProcessOutcome["stoppedBy"];
    let ended = false;
    const timers: NodeJS.Timeout[] = [];
    const stop = (why: "timeout" | "interrupted", grace: boolean): void => {
      if (ended) return;
      stoppedBy ??= why;
      if (!grace) return started.kill("SIGKILL");
      started.kill("SIGTERM");
      timers.push(setTimeout(() => started.kill("SIGKILL"), KILL_GRACE_MS));
    };
    const timeoutMs = job.timeoutMs;
    void started.began.then(() => {
      if (ended) return;
      job.onStart?.();
      if (timeoutMs !== undefined && timeoutMs <= MAX_TIMER_MS) timers.push(setTimeout(() => stop("timeout", true), timeoutMs));
    });
    const onAbort = (): void => stop("interrupted", true);
    const onKillNow = (): void => stop("interrupted", false);
    job.signal.addEventListener("abort", onAbort);
    job.killNow?.addEventListener("abort", onKillNow);

    void started.exited.then((end) => {
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      job.signal.removeEventListener("abort", onAbort);
      job.killNow?.removeEventListener("abort", onKillNow);
      // Whatever the script left behind (daemons included) ends with it.
      started.kill("SIGKILL");
      let drainTimer: NodeJS.Timeout | undefined;
      const drained = new Promise<void>((done) => (drainTimer = setTimeout(done, DRAIN_MS)));
      void Promise.race([started.closed, drained]).then(() => {
        clearTimeout(drainTimer);
        started.release();
        for (const stream of ["stdout", "stderr"] as const) {
          tails[stream].end();
          logs[stream].close(msg.logTruncated);
        }
        resolvePromise({ end, stoppedBy, tails: { stdout: tails.stdout.last, stderr: tails.stderr.last } });
      });
    });
    if (job.signal.aborted) onAbort();
    if (job.killNow?.aborted === true) onKillNow();
  });
}
