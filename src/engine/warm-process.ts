import type { ForkRequest, ForkServer } from "./fork-server.js";
import { ownedEnv, ownerToken, type ProcessJob, type ProcessOutcome } from "./node-process.js";
import { killOwned, pidMark } from "./process-sweep.js";
import type { SlotTicket } from "./process-slots.js";
import { neverStarted, superviseProcess, type ProcessEnd } from "./supervise-process.js";

export type WarmOutcome = { readonly kind: "ran"; readonly outcome: ProcessOutcome } | { readonly kind: "refused"; readonly why: string };

/**
 * What a fork becomes: the harness's sys.argv as a cold process has it and the sandbox it makes first, if
 * any; or, with `exec`, the command line of a cold process it execs.
 */
export type ForkedNode = Pick<ForkRequest, "argv" | "view" | "exec">;

/**
 * Runs a node in a process forked by a fork server, supervised as a spawned process is: the same
 * environment (token included), logs, tails, timeout, interrupts and reaper. The fork is
 * its own session, so its group is killed by pid; exec'd descendants carry the token in their environment
 * and forked ones in their environment block, so the sweep finds them too. A refusal comes before any
 * output: the caller runs the node cold then.
 */
export async function runForked(job: ProcessJob, forked: ForkedNode, server: ForkServer, needs: readonly string[] | null, ticket: SlotTicket | undefined): Promise<WarmOutcome> {
  const launch = ticket === undefined ? { after: undefined } : await ticket.launchOn(server);
  if (launch === undefined) return { kind: "ran", outcome: neverStarted() };
  const token = ownerToken();
  let refusedWhy: string | undefined;
  const outcome = await superviseProcess(job, (sink) => {
    const since = pidMark();
    let pid: number | undefined;
    let pendingKill: NodeJS.Signals | undefined;
    let markExited: (end: ProcessEnd) => void = () => {};
    let markClosed: () => void = () => {};
    let markBegan: () => void = () => {};
    const began = new Promise<void>((done) => (markBegan = done));
    const exited = new Promise<ProcessEnd>((done) => (markExited = done));
    const closed = new Promise<void>((done) => (markClosed = done));
    job.reaper.starting(token);
    const request = server.fork(
      { cwd: job.cwd, env: ownedEnv(job, token), argv: forked.argv, view: forked.view, exec: forked.exec, needs, after: launch.after ?? null },
      {
        started: (at) => {
          pid = at;
          job.reaper.grouped(token, at);
          ticket?.runsOn(server, request.id);
          markBegan();
          if (pendingKill !== undefined) killOwned(pid, token, pendingKill, since);
        },
        data: sink.data,
        exited: markExited,
        closed: markClosed,
        refused: (why) => {
          refusedWhy = why;
          markExited({ kind: "not-started", code: "REFUSED" });
          markClosed();
        },
      },
    );
    if (launch.after !== undefined) ticket?.queued(request);
    return {
      began,
      kill: (signal) => {
        if (pid !== undefined) return void killOwned(pid, token, signal, since);
        if (pendingKill === undefined) request.cancel();
        pendingKill = signal;
      },
      exited,
      closed,
      release: () => job.reaper.ended(token),
    };
  });
  return refusedWhy !== undefined && outcome.stoppedBy === undefined ? { kind: "refused", why: refusedWhy } : { kind: "ran", outcome };
}
