import { readdirSync, readFileSync } from "node:fs";

/** The environment variable every process of a node inherits, holding that node's own token. */
export const OWNER_VARIABLE = "CURSUS_LAB_OWNER";

/**
 * Processes that carry the node's token in their environment: a script's children that left its
 * process group (`setsid`, daemons) still carry it. Linux only, through /proc.
 */
export function processesOwnedBy(token: string): number[] {
  const needle = Buffer.from(`${OWNER_VARIABLE}=${token}\0`);
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`).includes(needle)) found.push(pid);
    } catch {
      // Gone already, or another user's process: neither is ours.
    }
  }
  return found;
}

/** Signals the process group and every process carrying the token; returns how many were signalled. */
export function killOwned(groupLeader: number | undefined, token: string, signal: NodeJS.Signals): number {
  let count = 0;
  if (groupLeader !== undefined) {
    try {
      process.kill(-groupLeader, signal);
      count++;
    } catch {
      // The group is empty already.
    }
  }
  for (const pid of processesOwnedBy(token)) {
    try {
      process.kill(pid, signal);
      count++;
    } catch {
      // It ended meanwhile.
    }
  }
  return count;
}
