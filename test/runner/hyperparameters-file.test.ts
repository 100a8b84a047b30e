import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import type { NodeRecord } from "../../src/results/run-record.js";

const FIXTURE = resolve("test/fixtures/hyperparameters");

/** One RegionTrainer node whose config carries a hyperparameters block, as cursus saves it (Python number text). */
function trainerPipeline(region: string, eta: string) {
  const dir = mkdtempSync(join(tmpdir(), "cursus-lab-hp-"));
  const dag = join(dir, "hp.dag.json");
  const config = join(dir, "config.json");
  writeFileSync(dag, JSON.stringify({ dag: { nodes: ["RegionTrainer"], edges: [] } }));
  const write = (r: string, e: string): void =>
    writeFileSync(
      config,
      `{"configuration": {"shared": {"region": "${r}", "source_dir": ${JSON.stringify(join(FIXTURE, "scripts"))}}, "specific": {"RegionTrainer": {` +
        `"__model_type__": "RegionTrainerConfig", "training_entry_point": "region_trainer.py", "hyperparameters": {"__model_type__": "ToyHyperparameters",` +
        ` "label_name": "y", "tab_field_list": ["a", "b"], "eta": ${e}, "lr": 3e-05, "id": 12345678901234567890}}}}, "metadata": {"config_types": {}}}`,
    );
  write(region, eta);
  const workspace = join(dir, "ws");
  mkdirSync(workspace);
  const factory = () => createFactory({ dag, config, interfacesDirs: [join(FIXTURE, "interfaces")], workspace });
  return { dir, workspace, factory, rewrite: write };
}

const modelFile = (node: NodeRecord | undefined, name: string): string => {
  const out = node?.status === "succeeded" ? node.outputs.find((o) => o.logicalName === "model_output") : undefined;
  return readFileSync(join(out!.path, name), "utf8");
};

describe("hyperparameters.json from the config", () => {
  it("gives a trainer the region-specific file it looks for, with the numbers as the config wrote them", async () => {
    const p = trainerPipeline("NA", "0.30");
    const record = await p.factory().executeDagGuidedTesting();
    const node = record.nodes[0];
    expect(node?.status).toBe("succeeded");
    expect(modelFile(node, "used_name.txt")).toBe("hyperparameters_NA.json");
    const used = modelFile(node, "used_hyperparameters.json");
    expect(used).toContain('"eta": 0.30,');
    expect(used).toContain('"lr": 3e-05,');
    expect(used).toContain('"id": 12345678901234567890');
    expect(used).not.toContain("__model_type__");
  });

  it("reruns the node when the config's hyperparameters change, and a user's input wins", async () => {
    const p = trainerPipeline("EU", "0.3");
    expect((await p.factory().executeDagGuidedTesting()).nodes[0]?.status).toBe("succeeded");
    expect((await p.factory().executeDagGuidedTesting()).nodes[0]).toMatchObject({ status: "succeeded", cache: "hit" });
    p.rewrite("EU", "0.2");
    const changed = await p.factory().executeDagGuidedTesting();
    expect(changed.nodes[0]).toMatchObject({ status: "succeeded", cache: "miss" });
    expect(modelFile(changed.nodes[0], "used_hyperparameters.json")).toContain('"eta": 0.2,');

    // A folder without the regional name fails in the script, as it would in SageMaker.
    const empty = join(p.dir, "empty");
    mkdirSync(empty);
    const own = p.factory();
    own.configureScriptTesting("RegionTrainer", { inputs: { hyperparameters_s3_uri: empty } });
    const failed = await own.executeDagGuidedTesting();
    expect(failed.nodes[0]?.status).toBe("failed");
    expect(failed.nodes[0]?.status === "failed" && failed.nodes[0].error.tail.join("\n")).toContain("hyperparameters_EU.json");
  });
});
