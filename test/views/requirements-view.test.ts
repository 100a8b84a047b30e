import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { resolveSpec } from "../../src/specs/resolve-spec.js";
import { requirementRows, requirementsBundle } from "../../src/views/requirements-view.js";
import { demoConfig, demoDag, demoData, tempDir } from "../kernel/project.js";
import { expectGolden } from "./golden.js";

const { dir: workspace, cleanup } = tempDir("cursus-lab-views-");
afterAll(cleanup);
const channel = { endpoint: "http://127.0.0.1:4567/configure", token: "ab".repeat(24), script: 'console.log("</script><b>")' };

describe("requirements view", () => {
  it("shows every input, output, env var and job argument with its value and source", () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    const node = "TabularPreprocessing_training";
    const rows = requirementRows(factory.getScriptTestingRequirements(node), factory.getScriptSpec(node), factory.wires);
    const byField = new Map(rows.map((r) => [r.field, r]));
    expect(byField.get("inputs.DATA")).toMatchObject({ value: demoData("training"), source: "user", required: true });
    expect(byField.get("env.LABEL_FIELD")).toMatchObject({ value: "is_malignant", source: "config:label_name" });
    expect(byField.get("env.TRAIN_RATIO")).toMatchObject({ value: "0.7", source: "config:train_ratio" });
    expect(byField.get("args.--job_type")).toMatchObject({ value: "training", source: "config:job_type" });
    expect(byField.get("outputs.processed_data")?.source).toBe("default");

    const downstream = requirementRows(factory.getScriptTestingRequirements("XGBoostTraining"), factory.getScriptSpec("XGBoostTraining"), factory.wires);
    expect(downstream.find((r) => r.field === "inputs.input_path")?.source).toBe("upstream TabularPreprocessing_training.processed_data (alias, 0.9)");

    const bundle = requirementsBundle(factory.getScriptTestingRequirements(node), factory.getScriptSpec(node), factory.wires);
    expect(bundle["text/html"]).not.toContain("<form");
    expect(bundle["text/html"]).not.toContain("<input");
    expect(bundle["text/plain"]).toMatch(/LABEL_FIELD\s+│ no\s+│ config:label_name\s+│ is_malignant/);
    expectGolden("requirements-tabular-training.html", bundle["text/html"], { [workspace]: "<workspace>" });
  });

  it("renders an editable form that carries the channel, the initial values and the inlined widget", () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    const node = "XGBoostTraining";
    const html = requirementsBundle(factory.getScriptTestingRequirements(node), factory.getScriptSpec(node), factory.wires, channel)["text/html"];
    expect(html).toContain(`<div data-cl-form role="form" data-node="XGBoostTraining" data-endpoint="${channel.endpoint}" data-token="${channel.token}">`);
    // The training script gets only REGION and USE_* env vars, as in cursus; its settings are a generated file.
    expect(html).toContain('<input class="cl-field" name="env.REGION" value="NA" data-initial="NA"');
    expect(html).toContain('<span data-cl-source="inputs.hyperparameters_s3_uri">config:hyperparameters</span>');
    expect(html).toContain('name="args.--job_type" value="training"');
    // A plain button: in an untrusted notebook, where the widget script does not run, nothing submits or reloads.
    expect(html).toContain('<button type="button" data-cl-apply>Apply</button>');
    // The inlined bundle cannot close its own script element early.
    expect(html).toContain('<script>console.log("<\\/script><b>")</script>');
  });

  it("lists every problem of a pending node, escaped", () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace, settings: false });
    const node = "TabularPreprocessing_training";
    const req = factory.getScriptTestingRequirements(node);
    const pending = factory.getScriptSpec(node);
    expect(pending.ok).toBe(false);
    const html = requirementsBundle(req, pending, factory.wires)["text/html"];
    expect(html).toContain("cl-pending");
    for (const p of pending.ok ? [] : pending.problems) expect(html).toContain(`data-cl-field="${p.field}"`);

    const hostile = resolveSpec(req, { inputs: { DATA: "/tmp/<b>not-here</b>" } }, new Map());
    const escaped = requirementsBundle(req, hostile, factory.wires)["text/html"];
    expect(escaped).toContain("/tmp/&lt;b&gt;not-here&lt;/b&gt;, which does not exist");
    expect(escaped).not.toContain("<b>not-here");
  });
});
