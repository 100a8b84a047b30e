import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";
import type { Readable, Writable } from "node:stream";
import * as msg from "../messages.js";
import { FRAME, FrameReader } from "./frame-reader.js";
import { OWNER_VARIABLE } from "./process-sweep.js";
import type { Bind } from "./sandbox-plan.js";
import type { ProcessEnd } from "./supervise-process.js";

/** What the server reports once its preload is done. */
export interface ServerReady {
  readonly loaded: readonly string[];
  readonly failed: readonly { readonly module: string; readonly error: string }[];
  /** Why the server does not fork (a preloaded module left threads running), if it does not. */
  readonly unsafe: string | null;
}

export interface ForkRequest {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** sys.argv as a cold process has it: the harness's path, its spec and report files. */
  readonly argv: readonly string[];
  /**
   * Preloaded modules the node imports: it is forked once they are in (or failed). Null when its script
   * never ran here: it waits for every module the server is still to import, what its run's nodes imported.
   */
  readonly needs: readonly string[] | null;
  /** A production-entry node's sandbox: the child makes it in a mount namespace of its own before it starts. */
  readonly view: readonly Bind[] | undefined;
  /** A cold node: the child execs `argv` (the whole command line) instead of running the harness in itself. */
  readonly exec: boolean;
  /** A request of this server that must have exited first: the node takes over its process slot. */
  readonly after: number | null;
}

/** How the server itself is started: plainly, or under bwrap (the arguments before `--`) so its children may mount. */
export interface ServerCommand {
  readonly python: string;
  readonly sandbox: readonly string[] | undefined;
}

/** One forked node as the server reports it; `refused` comes instead of `started` when it will not fork. */
export interface ForkHandlers {
  readonly started: (pid: number) => void;
  readonly data: (stream: "stdout" | "stderr", chunk: Buffer) => void;
  readonly exited: (end: ProcessEnd) => void;
  readonly closed: () => void;
  readonly refused: (why: string) => void;
}

/** A request the server took: its id, and what can still be said of it while it is queued. */
export interface ForkTicket {
  readonly id: number;
  /** Takes it off the queue; it ends as a killed process would. */
  readonly cancel: () => void;
  /** It need no longer wait for the request it was queued `after`. */
  readonly go: () => void;
}

/** As long as the token of a node (randomBytes(12) in hex): a forked child writes its token over it. */
const TOKEN_PLACEHOLDER = "x".repeat(24);
const DIAGNOSTIC_CHARS = 2000;
const STOP_GRACE_MS = 1000;

const signalName = (n: number | null): NodeJS.Signals | null =>
  n === null ? null : ((Object.entries(constants.signals).find(([, v]) => v === n)?.[0] as NodeJS.Signals | undefined) ?? null);

/**
 * A Python process that preloads modules once and forks one process per node
 * (python/cursus_lab_fork_server.py). Its stdout carries every child's output in frames; it watches fd 3,
 * a pipe only we hold, and kills its children and itself when we die.
 */
export class ForkServer {
  private readonly handlers = new Map<number, ForkHandlers>();
  private readonly running = new Set<number>();
  private nextId = 1;
  private diagnostics = "";
  private endedWhy: string | undefined;
  private readonly gone: Promise<void>;
  /** Resolves when the preload is done, or with `unsafe` set when the server ended first. */
  readonly ready: Promise<ServerReady>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly commands: Writable,
  ) {
    let markReady: (ready: ServerReady) => void = () => {};
    this.ready = new Promise((done) => (markReady = done));
    const reader = new FrameReader((id, kind, payload) => {
      if (kind === FRAME.ready) return markReady(JSON.parse(payload.toString("utf8")) as ServerReady);
      const h = this.handlers.get(id);
      if (h === undefined) return;
      if (kind === FRAME.stdout || kind === FRAME.stderr) return h.data(kind === FRAME.stdout ? "stdout" : "stderr", payload);
      const body = payload.length === 0 ? {} : (JSON.parse(payload.toString("utf8")) as Record<string, unknown>);
      if (kind === FRAME.started) {
        this.running.add(id);
        h.started(body["pid"] as number);
      }
      else if (kind === FRAME.exited) h.exited({ kind: "exited", code: (body["code"] as number | null) ?? null, signal: signalName((body["signal"] as number | null) ?? null) });
      else if (kind === FRAME.refused) {
        this.handlers.delete(id);
        h.refused(refusal(body));
      } else if (kind === FRAME.closed) {
        this.handlers.delete(id);
        this.running.delete(id);
        h.closed();
      }
    });
    (child.stdout as Readable).on("data", (chunk: Buffer) => reader.push(chunk));
    (child.stderr as Readable).on("data", (chunk: Buffer) => (this.diagnostics = (this.diagnostics + chunk.toString("utf8")).slice(-DIAGNOSTIC_CHARS)));
    this.gone = new Promise((done) => {
      const ended = (code: number | null, signal: NodeJS.Signals | null, why?: string): void => {
        if (this.endedWhy !== undefined) return;
        this.endedWhy = why ?? msg.warmServerEnded(code, signal, this.diagnostics.trim().split("\n").slice(-3).join(" "));
        markReady({ loaded: [], failed: [], unsafe: this.endedWhy });
        // Children it had forked are killed by their own group and token; the supervisor does that on exit.
        for (const [id, h] of [...this.handlers]) {
          this.handlers.delete(id);
          // A node it had forked failed part way (its output may be half written); one still queued runs cold.
          if (!this.running.has(id)) h.refused(this.endedWhy);
          else {
            h.exited({ kind: "exited", code: null, signal: null });
            h.closed();
          }
        }
        done();
      };
      child.once("error", (error) => ended(null, null, error.message));
      // Its stdout may still hold frames when it exits: they are read first.
      child.once("close", (code, signal) => ended(code, signal));
    });
  }

  /**
   * Starts a server for one run or session, in its folder; `label` names it in process lists (the folder,
   * unless said otherwise). Under bwrap it has no pid namespace of its own, so the pids it reports are the
   * host's, the ones we signal.
   */
  static start(command: ServerCommand, script: string, folder: string, env: Readonly<Record<string, string>>, preload: readonly string[], label = folder): ForkServer {
    const argv = [command.python, script, label];
    const [file, ...args] = command.sandbox === undefined ? argv : ["bwrap", ...command.sandbox, "--", ...argv];
    const child = spawn(file!, args, {
      cwd: folder,
      env: { ...env, [OWNER_VARIABLE]: TOKEN_PLACEHOLDER },
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      detached: true,
    });
    const server = new ForkServer(child, child.stdin as Writable);
    // A server that died is noticed by its exit; writing to it meanwhile must not throw.
    child.stdin?.on("error", () => {});
    server.preload(preload);
    return server;
  }

  /** Imports these too, between forks: the nodes forked after get them loaded. */
  preload(modules: readonly string[]): void {
    this.send({ op: "preload", modules });
  }

  /** Asks for one node process; a refusal (unsafe, server gone) means the caller runs it cold. */
  fork(request: ForkRequest, handlers: ForkHandlers): ForkTicket {
    const id = this.nextId++;
    if (this.endedWhy !== undefined) {
      const why = this.endedWhy;
      queueMicrotask(() => handlers.refused(why));
      return { id, cancel: () => {}, go: () => {} };
    }
    this.handlers.set(id, handlers);
    const { cwd, env, argv, needs, view, exec, after } = request;
    this.send({ op: "run", id, cwd, env, argv, needs, view: view ?? null, exec, after });
    return { id, cancel: () => this.send({ op: "cancel", id }), go: () => this.send({ op: "go", id }) };
  }

  /** Ends the server (its children are gone by then) and waits for it; killed if it does not go. */
  async stop(): Promise<void> {
    this.send({ op: "stop" });
    this.commands.end();
    const timer = setTimeout(() => this.kill(), STOP_GRACE_MS);
    await this.gone;
    clearTimeout(timer);
    this.kill();
    this.child.stdio[3]?.destroy();
  }

  private kill(): void {
    try {
      if (this.child.pid !== undefined) process.kill(-this.child.pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }

  private send(message: Record<string, unknown>): void {
    if (this.endedWhy === undefined && this.commands.writable) this.commands.write(`${JSON.stringify(message)}\n`);
  }
}

/** A refusal's reason: the server's own (it does not fork), or the kernel's, for a step of a node's sandbox. */
function refusal(body: Record<string, unknown>): string {
  const sandbox = body["sandbox"] as { call?: unknown; path?: unknown; error?: unknown } | null | undefined;
  if (sandbox === undefined) return String(body["why"]);
  if (sandbox === null) return msg.warmSandboxFailed("a step", null, "no report");
  return msg.warmSandboxFailed(String(sandbox.call), typeof sandbox.path === "string" ? sandbox.path : null, String(sandbox.error));
}
