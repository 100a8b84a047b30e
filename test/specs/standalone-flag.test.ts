import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { BEDROCK_CONFIG, realDag, realInterfacesDir } from "../helpers/fixtures.js";

/**
 * The real bedrock config and DAG; the node's script is one of ours that parses its arguments as the real
 * one does: `--include-examples` is a store_true flag, so cursus passes it without a value.
 */
describe("a job argument that is a flag alone (--include-examples)", () => {
  const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-flag-"));
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));
  const factory = createFactory({
    dag: realDag("bedrock_bedrock_batch_pytorch_with_label_ruleset_e2e"),
    config: BEDROCK_CONFIG,
    scriptsDirs: [resolve("test/fixtures/bedrock-scripts")],
    interfacesDirs: [realInterfacesDir],
    settings: false,
    workspace,
  });

  for (const entry of ["script", "main"] as const) {
    it(`reaches the script as the flag alone, parsed as true (--entry ${entry})`, async () => {
      const record = await factory.executeDagGuidedTesting({ only: ["BedrockPromptTemplateGeneration"], entry, jobs: 1 });
      const node = record.nodes.find((n) => n.name === "BedrockPromptTemplateGeneration")!;
      expect(node.status).toBe("succeeded");
      expect(node.args).toEqual(["--include-examples", "--template-version", "2.0"]);
      const templates = node.status === "succeeded" ? node.outputs.find((o) => o.logicalName === "prompt_templates")!.path : "";
      const seen = JSON.parse(readFileSync(join(templates, "arguments.json"), "utf8"));
      expect(seen).toMatchObject({ include_examples: true, template_version: "2.0" });
      if (entry === "script") expect(seen.argv).toEqual(["--include-examples", "--template-version", "2.0"]);
    }, 60_000);
  }
});
