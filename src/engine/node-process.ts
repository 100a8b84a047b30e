import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import { killOwned, OWNER_VARIABLE, pidMark } from "./process-sweep.js";
import { superviseProcess, type ProcessEnd, type ProcessJob, type ProcessOutcome } from "./supervise-process.js";

export type { ProcessJob, ProcessOutcome };

/** cursus-lab's own environment, as every node process starts from it. */
export const inheritedEnv = (): Record<string, string> => Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));

/** A token naming one node's processes: every process it starts carries it in its environment. */
export const ownerToken = (): string => randomBytes(12).toString("hex");

/** The environment a node's process gets: the job's and its token. */
export const ownedEnv = (job: ProcessJob, token: string): Record<string, string> => ({ ...job.env, [OWNER_VARIABLE]: token });

/**
 * Runs one process in its own group with a token in its environment, so every process it starts can
 * be found and killed, including those that left the group; the job's reaper does it if we die first.
 */
export function runProcess(job: ProcessJob): Promise<ProcessOutcome> {
  const token = ownerToken();
  return superviseProcess(job, (sink) => {
    const since = pidMark();
    job.reaper.starting(token);
    const child = spawn(job.command, [...job.args], {
      cwd: job.cwd,
      env: ownedEnv(job, token),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    }) as ChildProcessByStdio<null, Readable, Readable>;
    if (child.pid !== undefined) job.reaper.grouped(token, child.pid);
    for (const stream of ["stdout", "stderr"] as const) child[stream].on("data", (chunk: Buffer) => sink.data(stream, chunk));
    const ended = (stream: "stdout" | "stderr"): Promise<void> =>
      new Promise((done) => {
        const pipe = child[stream];
        if (pipe.readableEnded || pipe.destroyed) return done();
        pipe.once("close", () => done());
      });
    return {
      began: Promise.resolve(),
      kill: (signal) => void killOwned(child.pid, token, signal, since),
      exited: new Promise<ProcessEnd>((done) => {
        child.once("error", (error: NodeJS.ErrnoException) => done({ kind: "not-started", code: error.code ?? "ERROR" }));
        child.once("exit", (code, signal) => done({ kind: "exited", code, signal }));
      }),
      closed: Promise.all([ended("stdout"), ended("stderr")]).then(() => undefined),
      release: () => {
        child.stdout.destroy();
        child.stderr.destroy();
        job.reaper.ended(token);
      },
    };
  });
}
