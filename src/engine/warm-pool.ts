import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import * as msg from "../messages.js";
import type { NodeProcessRecord } from "../results/run-record.js";
import type { EntryMode, EntryRequest } from "./entry-mode.js";
import { ForkServer } from "./fork-server.js";
import { inheritedEnv, runProcess, type ProcessJob, type ProcessOutcome } from "./node-process.js";
import type { PreloadCache } from "./preload-cache.js";
import { FORK_SERVER_SANDBOX, forkSandboxSupport, sandboxSupport } from "./sandbox.js";
import { runForked, type ForkedNode } from "./warm-process.js";

/** A run's (or a session's) warm interpreters: its fork server, or why every node runs cold. */
export interface WarmPool {
  /**
   * The fork server, started by the first node that needs a process: a run whose nodes are all reused
   * starts no interpreter at all. Undefined when `why` says every node runs cold.
   */
  readonly server: () => ForkServer | undefined;
  /** The server if one was started, to stop it. */
  readonly started: () => ForkServer | undefined;
  readonly why: string | undefined;
  /** Why a production-entry node runs cold although the server forks (bwrap cannot grant what its sandbox needs). */
  readonly scriptWhy: string | undefined;
  /** The environment the server started with: a node that differs from it where Python reads it at start runs cold. */
  readonly serverEnv: Readonly<Record<string, string>>;
  readonly needsOf: (script: string) => string[];
}

export interface WarmStart {
  readonly python: string;
  readonly harness: string;
  /** The run's (or session's) folder: the server's own scratch lives there, and its name shows in process lists. */
  readonly runDir: string;
  readonly entry: EntryRequest;
  /** The run's scripts in run order, so the modules the first nodes need are preloaded first. */
  readonly scripts: readonly string[];
  /** Modules the settings ask to preload, before the learned ones. */
  readonly declared: readonly string[];
  readonly cache: PreloadCache;
}

/**
 * Environment variables an interpreter or its libraries read once, when they start or are imported
 * (hash seed, paths, locale, time zone, thread pools, allocator): a fork inherits what the server read.
 */
const READ_AT_START = /^(PYTHON|OMP_|OPENBLAS_|GOTO_|MKL_|NUMEXPR_|KMP_|VECLIB_|LD_|MALLOC_|LC_|LANG$|LANGUAGE$|TZ$)/;

/**
 * Starts the fork server when some node can use it (Linux). When the production entry may run, the server
 * runs under bwrap with CAP_SYS_ADMIN, so each child can make its node's sandbox itself; it gets no pid
 * namespace: the pids it reports are host pids, the ones the supervisor signals, and a warm
 * production-entry node shares the host's pid view (a cold one has its own).
 */
export function openWarmPool(start: WarmStart): WarmPool {
  const tmp = join(start.runDir, "fork-server", "tmp");
  const serverEnv = { ...inheritedEnv(), PYTHONUNBUFFERED: "1", TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  const needsOf = (script: string): string[] => start.cache.modulesOf(start.python, script);
  const none = (): undefined => undefined;
  if (process.platform !== "linux") return { server: none, started: none, why: msg.warmNotOnPlatform(process.platform), scriptWhy: undefined, serverEnv, needsOf };
  let server: ForkServer | undefined;
  let support: ReturnType<typeof forkSandboxSupport> | undefined;
  const production = (): boolean => start.entry === "script" || (start.entry === "auto" && sandboxSupport().ok);
  const serve = (): ForkServer => {
    if (server !== undefined) return server;
    support = production() ? forkSandboxSupport() : undefined;
    mkdirSync(tmp, { recursive: true });
    const preload = [...new Set([...start.declared, ...start.cache.modulesFor(start.python, start.scripts)])];
    const script = join(dirname(start.harness), "cursus_lab_fork_server.py");
    server = ForkServer.start({ python: start.python, sandbox: support?.ok === true ? FORK_SERVER_SANDBOX : undefined }, script, start.runDir, serverEnv, preload);
    return server;
  };
  return {
    server: serve,
    started: () => server,
    why: undefined,
    get scriptWhy() {
      return support?.ok === false ? support.why : undefined;
    },
    serverEnv,
    needsOf,
  };
}

export async function stopWarmPool(pool: WarmPool | undefined): Promise<void> {
  await pool?.started()?.stop();
}

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

export async function stopLauncher(launcher: Launcher | undefined): Promise<void> {
  await launcher?.started()?.stop();
}

/**
 * Runs a node's harness forked from the pool's server when it can, else as a cold process; says which,
 * and why cold. Without a pool (warm not asked) it is the cold process and no word about it.
 */
export async function runNodeProcess(
  job: ProcessJob,
  forked: Omit<ForkedNode, "exec">,
  pool: WarmPool | undefined,
  entry: EntryMode,
  script: string,
  launcher: Launcher | undefined,
): Promise<{ outcome: ProcessOutcome; process: NodeProcessRecord | undefined }> {
  if (pool === undefined) return { outcome: await runCold(job, launcher), process: undefined };
  const server = pool.why === undefined ? pool.server() : undefined;
  const why = server === undefined ? pool.why : entry === "script" && pool.scriptWhy !== undefined ? pool.scriptWhy : envBlocker(job.env, pool.serverEnv);
  if (why !== undefined || server === undefined) return { outcome: await runCold(job, launcher), process: { kind: "cold", ...(why === undefined ? {} : { why }) } };
  const warm = await runForked(job, { ...forked, exec: false }, server, pool.needsOf(script));
  if (warm.kind === "ran") return { outcome: warm.outcome, process: { kind: "warm" } };
  return { outcome: await runCold(job, launcher), process: { kind: "cold", why: msg.warmServerRefused(warm.why) } };
}

/** A cold process: exec'd by the launcher when there is one that takes it, else spawned by cursus-lab. */
async function runCold(job: ProcessJob, launcher: Launcher | undefined): Promise<ProcessOutcome> {
  const server = launcher?.server();
  if (server !== undefined) {
    const launched = await runForked(job, { argv: [job.command, ...job.args], view: undefined, exec: true }, server, []);
    if (launched.kind === "ran") return launched.outcome;
  }
  return runProcess(job);
}
function envBlocker(env: Readonly<Record<string, string>>, serverEnv: Readonly<Record<string, string>>): string | undefined {
  const names = [...new Set([...Object.keys(env), ...Object.keys(serverEnv)])].filter((k) => READ_AT_START.test(k) && env[k] !== serverEnv[k]).sort();
  return names.length === 0 ? undefined : msg.warmEnvDiffers(names);
}
