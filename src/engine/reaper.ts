import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import type { Socket } from "node:net";

/** A pause before a killed watcher is started again, so one that cannot start does not spin. */
const RESTART_MS = 100;

/**
 * The watcher that ends this process's node processes if it dies, even by SIGKILL
 * (python/cursus_lab_reaper.py): one per cursus-lab process and interpreter, started with the first node
 * process, in a session of its own. It reads what is going from a pipe only this process holds; the
 * pipe's end is its signal. Told before a process starts, so a death right after the start still finds
 * the process by its token.
 */
export class Reaper {
  private child: ChildProcess | undefined;
  /** token → process group, as last told, so a watcher started again (one a script killed) knows them all. */
  private readonly live = new Map<string, number | undefined>();

  constructor(
    private readonly python: string,
    private readonly script: string,
  ) {}

  starting(token: string): void {
    this.live.set(token, undefined);
    this.send(`start ${token}\n`);
  }

  grouped(token: string, group: number): void {
    this.live.set(token, group);
    this.send(`group ${token} ${group}\n`);
  }

  ended(token: string): void {
    if (!this.live.delete(token)) return;
    this.send(`end ${token}\n`);
  }

  private send(line: string): void {
    if (this.child !== undefined) return void this.child.stdin?.write(line);
    // Not running (none yet, or one a script killed): started with all that is going, if anything is.
    if (this.live.size > 0) this.start();
  }

  /** Starts the watcher and tells it everything going. */
  private start(): void {
    const child = spawn(this.python, ["-S", this.script], { stdio: ["pipe", "ignore", "ignore"], detached: true });
    this.child = child;
    child.unref();
    (child.stdin as Socket | null)?.unref();
    child.stdin?.on("error", () => {});
    child.once("error", () => this.forget(child));
    // A watcher killed while nodes are going (a script's `pkill -f cursus_lab`) is started again.
    child.once("exit", () => {
      this.forget(child);
      if (this.live.size > 0) setTimeout(() => this.child === undefined && this.live.size > 0 && this.start(), RESTART_MS).unref();
    });
    const lines = [...this.live].map(([token, group]) => (group === undefined ? `start ${token}\n` : `start ${token}\ngroup ${token} ${group}\n`));
    child.stdin?.write(lines.join(""));
  }

  private forget(child: ChildProcess): void {
    if (this.child === child) this.child = undefined;
  }
}

const reapers = new Map<string, Reaper>();

/** The reaper of this process for an interpreter; its script sits beside the harness. */
export function reaperFor(python: string, harness: string): Reaper {
  const key = `${python}\0${harness}`;
  let reaper = reapers.get(key);
  if (reaper === undefined) reapers.set(key, (reaper = new Reaper(python, join(dirname(harness), "cursus_lab_reaper.py"))));
  return reaper;
}
