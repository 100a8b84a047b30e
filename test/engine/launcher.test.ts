import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunRecord } from "../../src/results/run-record.js";
import { alive, processesMentioning } from "../helpers/processes.js";
import { cli, toyArgs, toyPipeline } from "../runner/toy-pipeline.js";

/** The process that started the node's process, as the script saw it (pid and command line). */
async function parentOf(entry: string): Promise<{ pid: number; command: string }> {
  const p = toyPipeline([{ name: "P", type: "ToyUnruly", fields: { mode: "parent" } }], []);
  const result = await cli(["run", ...toyArgs(p), "--entry", entry]);
  expect(result.exitCode, result.stderr).toBe(0);
  const [pid, command] = readFileSync(join(p.workspace, "P", "output", "data", "parent.txt"), "utf8").trim().split("\n");
  return { pid: Number(pid), command: command ?? "" };
}

describe("cold node processes", () => {
  it("are started by the launcher, not forked from cursus-lab itself, and the launcher ends with the run", async () => {
    const { pid, command } = await parentOf("main");
    expect(command).toContain("cursus_lab_fork_server.py cold-process-launcher");
    expect(alive(pid)).toBe(false);
  });

  it("a script that kills the launcher fails, saying its process was lost, and the nodes after it run", async () => {
    const p = toyPipeline([{ name: "K", type: "ToyUnruly", fields: { mode: "kill-parent" } }, { name: "After" }], []);
    const result = await cli(["run", ...toyArgs(p), "--entry", "main", "--jobs", "1", "--timeout", "60", "--json"]);
    const record = JSON.parse(result.stdout) as RunRecord;
    const byName = new Map(record.nodes.map((n) => [n.name, n]));
    expect(byName.get("K")).toMatchObject({ status: "failed", error: { message: expect.stringContaining("the process was lost") } });
    expect(byName.get("After")?.status).toBe("succeeded");
    expect(processesMentioning(p.dir)).toEqual([]);
  });
});
