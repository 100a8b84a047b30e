import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { runRecordSchema } from "../../src/results/run-record.js";
import { latestRunFile } from "../../src/results/write-run-record.js";
import { cli, toyArgs, toyPipeline } from "./toy-pipeline.js";

describe("Ctrl-C during a run", () => {
  it("ends the running script, writes run.json, and leaves the previous results and cache intact", async () => {
    const p = toyPipeline([{ name: "Slow" }], []);
    expect((await cli(["run", ...toyArgs(p)])).exitCode).toBe(0);
    const output = join(p.workspace, "Slow", "output", "data", "log.csv");
    const before = readFileSync(output, "utf8");

    p.rewrite({ Slow: { sleep_seconds: 60, message: "second" } });
    const child = execa("node", ["bin/cursus-lab.js", "run", ...toyArgs(p)], { reject: false, env: { NO_COLOR: "1" } });
    const runsDir = join(p.workspace, "runs");
    // Wait until the script's process runs (a process holds its spec on its command line), then interrupt:
    // its log files are made before its process starts.
    for (let i = 0; i < 100; i++) {
      const runs = existsSync(runsDir) ? readdirSync(runsDir).filter((r) => r !== "latest") : [];
      const spec = runs.length > 1 ? join(runsDir, runs.sort().at(-1)!, "nodes", "Slow", "harness-spec.json") : undefined;
      if (spec !== undefined && (await execa("pgrep", ["-f", spec], { reject: false })).exitCode === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill("SIGINT");
    const result = await child;
    expect(result.exitCode).toBe(130);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(latestRunFile(p.workspace)!, "utf8")));
    expect(record.status).toBe("interrupted");
    expect(record.nodes[0]).toMatchObject({ status: "interrupted", stage: "running", message: "stopped: the run was interrupted" });
    expect(record.durationMs).toBeLessThan(30_000);
    expect(readFileSync(output, "utf8")).toBe(before);

    p.rewrite({});
    const again = await cli(["run", ...toyArgs(p), "--json"]);
    expect(JSON.parse(again.stdout).nodes[0]).toMatchObject({ status: "succeeded", cache: "hit" });
  });
});
