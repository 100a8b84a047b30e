import { dirname, join } from "node:path";
import { ForkServer } from "./fork-server.js";
import { inheritedEnv, runProcess, type ProcessJob, type ProcessOutcome } from "./node-process.js";
import type { SlotTicket } from "./process-slots.js";
import { neverStarted } from "./supervise-process.js";
import { runForked } from "./warm-process.js";

/**
 * Cold processes are exec'd by a fork server that preloads nothing: spawning from cursus-lab copies its
 * page tables, much larger than an idle interpreter's, on its one thread, once per node. Started by the
 * first node that needs a process; none on a platform the server cannot watch its children on.
 */
export interface Launcher {
  readonly server: () => ForkServer | undefined;
  readonly started: () => ForkServer | undefined;
}

export function openLauncher(python: string, harness: string, runDir: string): Launcher {
  let server: ForkServer | undefined;
  let usable = process.platform === "linux";
  const serve = (): ForkServer | undefined => {
    if (!usable) return undefined;
    if (server === undefined) {
      const script = join(dirname(harness), "cursus_lab_fork_server.py");
      // Named by what it does, not by the run's folder: like the reaper, it is no node's process.
      server = ForkServer.start({ python, sandbox: undefined }, script, runDir, { ...inheritedEnv(), PYTHONUNBUFFERED: "1" }, [], "cold-process-launcher");
      // A server that cannot watch its children (no os.pidfd_open) refuses every node: cursus-lab spawns them.
      void server.ready.then((ready) => (usable = ready.unsafe === null));
    }
    return usable ? server : undefined;
  };
  return { server: serve, started: () => server };
}

export async function stopLauncher(launcher: Launcher): Promise<void> {
  await launcher.started()?.stop();
}

/** A cold process: exec'd by the launcher when there is one that takes it, else spawned by cursus-lab. */
export async function runCold(job: ProcessJob, launcher: Launcher, ticket: SlotTicket | undefined): Promise<ProcessOutcome> {
  const server = launcher.server();
  if (server !== undefined) {
    const launched = await runForked(job, { argv: [job.command, ...job.args], view: undefined, exec: true }, server, [], ticket);
    if (launched.kind === "ran") return launched.outcome;
  }
  if (ticket !== undefined && (await ticket.launchOn(undefined)) === undefined) return neverStarted();
  return runProcess(job);
}
