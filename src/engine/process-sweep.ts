import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from "node:fs";

/** The environment variable every process of a node inherits, holding that node's own token. */
export const OWNER_VARIABLE = "CURSUS_LAB_OWNER";

/**
 * Where the kernel's pid counter stood when a node started. Pids are handed out in turn, wrapping at
 * pid_max, so every process a node starts later gets a pid after this one: a sweep need read the
 * environment of those only, not of every process on the machine (a thousand-node run swept /proc a
 * thousand times, and the reads cost more than the node's own bookkeeping).
 */
export interface PidMark {
  readonly lastPid: number;
  /** Processes forked since boot: more than pid_max since the mark and the counter may have come round to it. */
  readonly forks: number;
}

/** The pid counter now, or undefined where /proc does not tell (then sweeps read every process). */
export function pidMark(): PidMark | undefined {
  try {
    const lastPid = Number(readFileSync("/proc/loadavg", "latin1").trim().split(" ").at(-1));
    const forks = Number(/^processes (\d+)$/m.exec(readFileSync("/proc/stat", "latin1"))?.[1]);
    return Number.isSafeInteger(lastPid) && Number.isSafeInteger(forks) ? { lastPid, forks } : undefined;
  } catch {
    return undefined;
  }
}

let pidMax: number | undefined;
/**
 * pid_max, or 0 when the counter cannot narrow a sweep: the /proc we read must be our own pid
 * namespace's, whose counter /proc/loadavg shows (a /proc mounted from another namespace lists other pids).
 */
function readPidMax(): number {
  if (pidMax !== undefined) return pidMax;
  try {
    pidMax = readlinkSync("/proc/self") === String(process.pid) ? Number(readFileSync("/proc/sys/kernel/pid_max", "latin1").trim()) : 0;
  } catch {
    pidMax = 0;
  }
  if (!Number.isSafeInteger(pidMax)) pidMax = 0;
  return pidMax;
}

/** Fewer pids handed out since the mark than this: each is looked up, which costs less than listing /proc. */
const LOOKED_UP_AFTER_MARK = 256;

/** The pids after `since` up to `now`, wrapping at pid_max; undefined when there are too many to look up one by one. */
function pidsBetween(since: number, now: number, max: number): string[] | undefined {
  const count = now >= since ? now - since : max - 1 - since + now;
  if (count > LOOKED_UP_AFTER_MARK) return undefined;
  return Array.from({ length: count }, (_, i) => String(((since + i) % (max - 1)) + 1));
}

/** Whether `pid` may have been handed out after the mark: in the stretch from the mark to the counter now, wrapping. */
function candidate(pid: number, since: PidMark, now: PidMark): boolean {
  if (now.lastPid >= since.lastPid) return pid > since.lastPid && pid <= now.lastPid;
  return pid > since.lastPid || pid <= now.lastPid;
}

/**
 * Processes that carry the node's token in their environment: a script's children that left its
 * process group (`setsid`, daemons) still carry it. Linux only, through /proc. Given the node's mark,
 * only processes started since are read, unless the counter may have come round once in between.
 */
export function processesOwnedBy(token: string, since?: PidMark): number[] {
  const needle = Buffer.from(`${OWNER_VARIABLE}=${token}\0`);
  const now = since === undefined ? undefined : pidMark();
  const max = readPidMax();
  const narrow = since !== undefined && now !== undefined && max > 0 && now.forks - since.forks < max ? { since, now } : undefined;
  const found: number[] = [];
  let entries: string[];
  try {
    entries = narrow === undefined ? readdirSync("/proc") : (pidsBetween(narrow.since.lastPid, narrow.now.lastPid, max) ?? readdirSync("/proc"));
  } catch {
    return found;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid || (narrow !== undefined && !candidate(pid, narrow.since, narrow.now))) continue;
    if (environHas(name, needle)) found.push(pid);
  }
  return found;
}

const chunk = Buffer.allocUnsafe(64 * 1024);

/** Reads a process's environment in chunks into one buffer; gone already, or another user's: not ours. */
function environHas(pid: string, needle: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/environ`, "r");
  } catch {
    return false;
  }
  try {
    // The needle may straddle two reads: the tail of one is kept at the head of the next.
    let kept = 0;
    for (;;) {
      const read = readSync(fd, chunk, kept, chunk.length - kept, null);
      if (read === 0) return false;
      const end = kept + read;
      if (chunk.subarray(0, end).includes(needle)) return true;
      kept = Math.min(needle.length - 1, end);
      chunk.copy(chunk, 0, end - kept, end);
    }
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** Signals the process group and every process carrying the token; returns how many were signalled. */
export function killOwned(groupLeader: number | undefined, token: string, signal: NodeJS.Signals, since?: PidMark): number {
  let count = 0;
  if (groupLeader !== undefined) {
    try {
      process.kill(-groupLeader, signal);
      count++;
    } catch {
      // The group is empty already.
    }
  }
  for (const pid of processesOwnedBy(token, since)) {
    try {
      process.kill(pid, signal);
      count++;
    } catch {
      // It ended meanwhile.
    }
  }
  return count;
}
