import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, toyPipeline } from "./toy-pipeline.js";

describe("a script node whose step has no interface", () => {
  it("stops the run before any process starts, naming --interfaces", async () => {
    const p = toyPipeline([{ name: "Lonely" }], []);
    const base = ["--dag", p.dag, "--config", p.config, "--workspace", p.workspace];
    const run = await cli(["run", ...base]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("Lonely: no step interface for ToyStep");
    expect(run.stderr).toContain("--interfaces DIR");
    expect(existsSync(join(p.workspace, "runs"))).toBe(false);

    // Discovery still lists it as a script node, with the warning.
    const discover = await cli(["discover", ...base]);
    expect(discover.exitCode).toBe(0);
    expect(discover.stdout + discover.stderr).toContain("no step interface for ToyStep");
  });
});
