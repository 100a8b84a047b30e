import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { TOY, toyPipeline } from "./toy-pipeline.js";

describe("a script without main()", () => {
  it("runs as `python script.py <args>` with its env vars set", async () => {
    const p = toyPipeline([{ name: "Plain", type: "ToyPlain", fields: { mode: "fast", expected_mode: "fast" } }], []);
    const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const ok = await factory.executeDagGuidedTesting();
    expect(ok.nodes[0]?.status).toBe("succeeded");
    factory.configureScriptTesting("Plain", { args: { "--mode": "slow" } });
    const bad = await factory.executeDagGuidedTesting();
    expect(bad.nodes[0]).toMatchObject({ status: "failed", error: { kind: "exit", exitCode: 3 } });
    expect(bad.nodes[0]?.status === "failed" && bad.nodes[0].error.tail.join("\n")).toContain("mode 'slow' != EXPECTED_MODE 'fast'");
  });
});
