import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alive } from "../helpers/processes.js";
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

});
