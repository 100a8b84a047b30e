import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import * as msg from "../messages.js";
import type { NodeProcessRecord } from "../results/run-record.js";
import type { EntryMode, EntryRequest } from "./entry-mode.js";
import { ForkServer } from "./fork-server.js";
import { inheritedEnv, type ProcessJob, type ProcessOutcome } from "./node-process.js";
import { runCold, type Launcher } from "./launcher.js";
import type { PreloadCache } from "./preload-cache.js";
import { FORK_SERVER_SANDBOX, forkSandboxSupport, sandboxSupport } from "./sandbox.js";
import type { SlotTicket } from "./process-slots.js";
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
  readonly needsOf: (script: string) => string[] | null;
  /**
   * What a node just imported, for the running server to import too: the next run's server would
   * preload it from the start (learned), and the nodes still to come in this run find it loaded.
   */
  readonly learned: (modules: readonly string[]) => void;
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
  const needsOf = (script: string): string[] | null => start.cache.modulesOf(start.python, script) ?? null;
  const none = (): undefined => undefined;
  if (process.platform !== "linux") return { server: none, started: none, why: msg.warmNotOnPlatform(process.platform), scriptWhy: undefined, serverEnv, needsOf, learned: () => {} };
  let server: ForkServer | undefined;
  let support: ReturnType<typeof forkSandboxSupport> | undefined;
  // Each module is asked for once: a message the server has nothing to do with still wakes it.
  const asked = new Set<string>();
  const production = (): boolean => start.entry === "script" || (start.entry === "auto" && sandboxSupport().ok);
  const serve = (): ForkServer => {
    if (server !== undefined) return server;
    support = production() ? forkSandboxSupport() : undefined;
    mkdirSync(tmp, { recursive: true });
    const preload = [...new Set([...start.declared, ...start.cache.modulesFor(start.python, start.scripts)])];
    for (const m of preload) asked.add(m);
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
    learned: (modules) => {
      const added = modules.filter((m) => !asked.has(m));
      if (server === undefined || added.length === 0) return;
      for (const m of added) asked.add(m);
      server.preload(added);
    },
  };
}

export async function stopWarmPool(pool: WarmPool | undefined): Promise<void> {
  await pool?.started()?.stop();
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
  launcher: Launcher,
  ticket: SlotTicket | undefined,
): Promise<{ outcome: ProcessOutcome; process: NodeProcessRecord | undefined }> {
  if (pool === undefined) return { outcome: await runCold(job, launcher, ticket), process: undefined };
  const server = pool.why === undefined ? pool.server() : undefined;
  const why = server === undefined ? pool.why : entry === "script" && pool.scriptWhy !== undefined ? pool.scriptWhy : envBlocker(job.env, pool.serverEnv);
  if (why !== undefined || server === undefined) return { outcome: await runCold(job, launcher, ticket), process: { kind: "cold", ...(why === undefined ? {} : { why }) } };
  const warm = await runForked(job, { ...forked, exec: false }, server, pool.needsOf(script), ticket);
  if (warm.kind === "ran") return { outcome: warm.outcome, process: { kind: "warm" } };
  return { outcome: await runCold(job, launcher, ticket), process: { kind: "cold", why: msg.warmServerRefused(warm.why) } };
}

function envBlocker(env: Readonly<Record<string, string>>, serverEnv: Readonly<Record<string, string>>): string | undefined {
  const names = [...new Set([...Object.keys(env), ...Object.keys(serverEnv)])].filter((k) => READ_AT_START.test(k) && env[k] !== serverEnv[k]).sort();
  return names.length === 0 ? undefined : msg.warmEnvDiffers(names);
}
