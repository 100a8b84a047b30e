import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProblemsError } from "../../src/errors.js";
import { createFactory } from "../../src/factory/testing-factory.js";
import { requirementRows } from "../../src/views/requirements-view.js";
import { requirementsText } from "../../src/views/requirements-text.js";
import { fieldChecks } from "../../kernel/field-checks.js";
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

  it("shows the switch as on in the text and as true in the form, which checks it as true or false", () => {
    const node = "BedrockPromptTemplateGeneration";
    const req = factory.getScriptTestingRequirements(node);
    const row = requirementRows(req, factory.getScriptSpec(node), factory.wires).find((r) => r.field === "args.--include-examples");
    expect(row).toMatchObject({ value: "true" });
    expect(fieldChecks(factory, node)["args.--include-examples"]).toEqual({ kind: "boolean", required: true });
    const text = requirementsText(req, factory.getScriptSpec(node).spec, factory.wiring, 200);
    expect(text.split("\n").find((l) => l.includes("--include-examples"))).toContain("on (passed alone)");
  });

  it("an override of true keeps the switch alone, false leaves it out, and any other value is refused", async () => {
    const node = "BedrockPromptTemplateGeneration";
    expect(factory.configureScriptTesting(node, { args: { "--include-examples": true } }).args).toContainEqual({ flag: "--include-examples", dest: "include_examples", value: "", source: "override", alone: true });
    expect(factory.configureScriptTesting(node, { args: { "--include-examples": "false" } }).args).toContainEqual({ flag: "--include-examples", dest: "include_examples", value: "", source: "override", alone: true, off: true });
    for (const entry of ["script", "main"] as const) {
      const record = await factory.executeDagGuidedTesting({ only: [node], entry, jobs: 1 });
      const ran = record.nodes.find((n) => n.name === node)!;
      expect(ran.status).toBe("succeeded");
      expect(ran.args).toEqual(["--template-version", "2.0"]);
      const templates = ran.status === "succeeded" ? ran.outputs.find((o) => o.logicalName === "prompt_templates")!.path : "";
      // main() gets False, as the script's own argparse gives it when the flag is left out.
      expect(JSON.parse(readFileSync(join(templates, "arguments.json"), "utf8"))).toMatchObject({ include_examples: false, argv: entry === "script" ? ["--template-version", "2.0"] : expect.anything() });
    }
    const text = requirementsText(factory.getScriptTestingRequirements(node), factory.getScriptSpec(node).spec, factory.wiring, 200);
    expect(text.split("\n").find((l) => l.includes("--include-examples"))).toContain("off (left out)");

    let refused: unknown;
    try {
      factory.configureScriptTesting(node, { args: { "--include-examples": "yes please" } });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ProblemsError);
    const [problem] = (refused as ProblemsError).problems;
    expect(problem).toMatchObject({ node, field: "args.--include-examples" });
    expect(problem!.message).toContain('--include-examples is a switch cursus passes without a value, so "yes please" cannot be its value');
    expect(problem!.fix).toContain("Give true to pass it");
  }, 60_000);
});
