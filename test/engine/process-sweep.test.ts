import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { OWNER_VARIABLE, pidMark, processesOwnedBy } from "../../src/engine/process-sweep.js";

/** A real process in a session of its own carrying a token, as a script's escaped daemon does. */
async function escapee(token: string): Promise<ChildProcess> {
  const child = spawn("/usr/bin/python3", ["-c", "import os, sys, time; os.setsid(); print('up', flush=True); time.sleep(60)"], {
    env: { ...process.env, [OWNER_VARIABLE]: token },
    stdio: ["ignore", "pipe", "ignore"],
  });
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  return child;
}

describe("the sweep for a node's processes", () => {
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started.splice(0)) child.kill("SIGKILL");
  });

  it("finds a process started after the node's mark, reading only processes started since", async () => {
    const token = randomBytes(12).toString("hex");
    const before = pidMark();
    expect(before).toBeDefined();
    const child = await escapee(token);
    started.push(child);
    expect(processesOwnedBy(token, before)).toEqual([child.pid]);
    expect(processesOwnedBy(token)).toEqual([child.pid]);
    // Started before this mark, it cannot be a process of a node started after it: it is not even read.
    expect(processesOwnedBy(token, pidMark())).toEqual([]);
  });

  it("finds it among many pids handed out since the mark, as among few", async () => {
    const token = randomBytes(12).toString("hex");
    const child = await escapee(token);
    started.push(child);
    const now = pidMark()!;
    // Few pids since the mark are looked up one by one; many are picked from the list of /proc.
    for (const back of [1, 1000]) expect(processesOwnedBy(token, { lastPid: child.pid! - back, forks: now.forks - back })).toEqual([child.pid]);
  });

  it("reads every process when the pid counter may have come round since the mark", async () => {
    const token = randomBytes(12).toString("hex");
    const child = await escapee(token);
    started.push(child);
    const pidMax = Number(readFileSync("/proc/sys/kernel/pid_max", "utf8"));
    const now = pidMark()!;
    // A mark after the process, but more than pid_max forks ago: the counter may have passed it again.
    expect(processesOwnedBy(token, { lastPid: now.lastPid, forks: now.forks - pidMax })).toEqual([child.pid]);
  });
});
