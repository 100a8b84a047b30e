import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { cli, TOY } from "../runner/toy-pipeline.js";
import { BEDROCK_CONFIG, demoConfig, demoDag, demoDir, realDag, realInterfacesDir, XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";

/**
 * Inputs a step mounts from a path its config computes (the interface's `input_source_overrides`), as
 * the cursus builder does, whatever the dependency resolver would wire to them.
 */
describe("an input its step mounts from the config", () => {
  const dir = mkdtempSync(join(tmpdir(), "cursus-lab-config-input-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("Package's inference scripts come from the config's source_dir, not from upstream", () => {
    const factory = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, interfacesDirs: [realInterfacesDir], settings: false, workspace: join(dir, "ws-xgb") });
    const input = factory.getScriptSpec("Package").spec.inputs["inference_scripts_input"];
    expect(input).toMatchObject({ path: "/home/ec2-user/SageMaker/Cursus/dockers/xgboost_atoz", source: "config", configuredFrom: "config:inference_scripts_source" });
    expect(factory.wires.filter((w) => w.node === "Package").map((w) => w.input)).not.toContain("inference_scripts_input");
  });

  it("a folder the config names on the machine it was saved on is found in this machine's copy of that project, beside the script", () => {
    // The project copied here whole: the scripts' folder ends with the same names as the config's (xgboost_atoz/scripts).
    const copy = join(dir, "copy", "dockers", "xgboost_atoz");
    mkdirSync(join(copy, "scripts"), { recursive: true });
    cpSync(xgboostScriptsDir, join(copy, "scripts"), { recursive: true });
    writeFileSync(join(copy, "xgboost_inference.py"), "# the inference handler\n");
    const factory = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, interfacesDirs: [realInterfacesDir], scriptsDirs: [join(copy, "scripts")], settings: false, workspace: join(dir, "ws-copy") });
    const input = factory.getScriptSpec("Package").spec.inputs["inference_scripts_input"];
    expect(input).toMatchObject({ path: copy, source: "config", configuredFrom: "config:inference_scripts_source", movedFrom: "/home/ec2-user/SageMaker/Cursus/dockers/xgboost_atoz" });

    // The scripts' folder copied alone, under a name of its own: its parent is nobody's inference folder.
    const alone = join(dir, "alone", "my-scripts");
    cpSync(xgboostScriptsDir, alone, { recursive: true });
    const lone = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, interfacesDirs: [realInterfacesDir], scriptsDirs: [alone], settings: false, workspace: join(dir, "ws-alone") });
    expect(lone.getScriptSpec("Package").spec.inputs["inference_scripts_input"]).toMatchObject({ path: "/home/ec2-user/SageMaker/Cursus/dockers/xgboost_atoz", source: "config" });
    expect(lone.getScriptSpec("Package").spec.inputs["inference_scripts_input"]?.movedFrom).toBeUndefined();

    // Only the last name alike ("scripts"): the folder above it is not taken either.
    const shallow = join(dir, "shallow", "scripts");
    cpSync(xgboostScriptsDir, shallow, { recursive: true });
    const one = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, interfacesDirs: [realInterfacesDir], scriptsDirs: [shallow], settings: false, workspace: join(dir, "ws-shallow") });
    expect(one.getScriptSpec("Package").spec.inputs["inference_scripts_input"]?.path).toBe("/home/ec2-user/SageMaker/Cursus/dockers/xgboost_atoz");
  });

  it("the prompt configs come from prompt_configs_path under the source folder, taken from the project root", () => {
    const project = join(dir, "project");
    mkdirSync(join(project, "dockers", "scripts", "prompt_configs"), { recursive: true });
    writeFileSync(join(project, "dockers", "scripts", "prompt_configs", "category_definitions.json"), "[]");
    const factory = createFactory({ dag: realDag("bedrock_bedrock_batch_pytorch_with_label_ruleset_e2e"), config: BEDROCK_CONFIG, projectRoot: project, interfacesDirs: [realInterfacesDir], settings: false, workspace: join(dir, "ws-bedrock") });
    expect(factory.getScriptSpec("BedrockPromptTemplateGeneration").spec.inputs["prompt_configs"]).toMatchObject({
      path: join(project, "dockers", "scripts", "prompt_configs"),
      source: "config",
      configuredFrom: "config:resolved_prompt_configs_path",
    });
    // A path the user gives still wins.
    factory.configureScriptTesting("BedrockPromptTemplateGeneration", { inputs: { prompt_configs: project } });
    expect(factory.getScriptSpec("BedrockPromptTemplateGeneration").spec.inputs["prompt_configs"]).toMatchObject({ path: project, source: "user" });
  });

  it("the demo packages its inference scripts with the model, as its step would", async () => {
    const factory = createFactory({ dag: demoDag, config: demoConfig, workspace: join(dir, "ws-demo") });
    const record = await factory.executeDagGuidedTesting({ to: "Package" });
    const node = record.nodes.find((n) => n.name === "Package")!;
    expect(node.status).toBe("succeeded");
    expect(node.inputs["inference_scripts_input"]).toBe(join(demoDir, "scripts"));
    const packaged = node.status === "succeeded" ? node.outputs.find((o) => o.logicalName === "packaged_model")!.path : "";
    const listed = execFileSync("tar", ["tzf", join(packaged, "model.tar.gz")], { encoding: "utf8" }).split("\n");
    expect(listed).toContain("code/package.py");
  }, 120_000);

  it("a required one whose folder is not on this machine blocks the run, naming the node, the input and the config attribute", async () => {
    const interfaces = join(dir, "interfaces");
    mkdirSync(interfaces);
    writeFileSync(
      join(interfaces, "toy_configured.step.yaml"),
      [
        "step_type: ToyConfigured",
        "registry: {sagemaker_step_type: Processing}",
        "contract:",
        "  entry_point: toy.py",
        "  input_source_overrides: {data: resolved_data_dir}",
        "  inputs: {data: {path: /opt/ml/processing/input/data, required: true}}",
        "  outputs: {data: {path: /opt/ml/processing/output}}",
        "  env_vars: {required: [MESSAGE]}",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(interfaces, "toy_configured.env.yaml"),
      ["config_class: ToyConfiguredConfig", "collector: declared", "config_paths:", "  resolved_data_dir: {under: [processing_source_dir], from: data_dir, or: data}", ""].join("\n"),
    );
    const project = join(dir, "toy-project");
    mkdirSync(project);
    const dag = join(project, "toy.dag.json");
    const config = join(project, "config.json");
    writeFileSync(dag, JSON.stringify({ dag: { nodes: ["Configured"], edges: [] } }));
    const specific = { Configured: { __model_type__: "ToyConfiguredConfig", processing_entry_point: "toy.py", processing_source_dir: join(TOY, "scripts"), message: "m" } };
    writeFileSync(config, JSON.stringify({ configuration: { shared: {}, specific }, metadata: { config_types: {} } }));
    const result = await cli(["plan", "--dag", dag, "--config", config, "--interfaces", interfaces, "--workspace", join(project, "ws")]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain(`problem: Configured: its step mounts input data from the config (config:resolved_data_dir): ${join(TOY, "scripts", "data")}, which does not exist on this machine`);
    expect(result.stdout).toContain("fix: Give the folder: --input Configured.data=PATH");
  }, 60_000);
});
