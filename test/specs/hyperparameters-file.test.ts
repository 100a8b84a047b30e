import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { parseConfig } from "../../src/config/load-config.js";
import { parseJsonText } from "../../src/io/read-json-file.js";
import { hyperparametersFile } from "../../src/specs/hyperparameters-file.js";
import { buildCatalog, lookupEnvRule } from "../../src/catalog/step-catalog.js";
import { realInterfacesDir, XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";

const workspace = "/tmp/cursus-lab-hp-ws";
const factory = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, scriptsDirs: [xgboostScriptsDir], interfacesDirs: [realInterfacesDir], settings: false, workspace });

/** What the builder did: `json.dump(hyperparameters.model_dump(), f, indent=2, ensure_ascii=False)`, by Python itself. */
function pythonDump(configFile: string, key: string): string {
  const script = [
    "import json, sys",
    "block = json.load(open(sys.argv[1]))['configuration']['specific'][sys.argv[2]]['hyperparameters']",
    "block.pop('__model_type__')",
    "sys.stdout.write(json.dumps(block, indent=2, ensure_ascii=False))",
  ].join("\n");
  return execFileSync("/usr/bin/python3", ["-c", script, configFile, key], { encoding: "utf8" });
}

describe("hyperparameters files on the real xgboost config", () => {
  it("XGBoostTraining: the hyperparameters block as json.dump writes it, under the plain and both regional names", () => {
    const input = factory.getScriptTestingRequirements("XGBoostTraining").inputs.find((i) => i.logicalName === "hyperparameters_s3_uri");
    expect(input?.generated).toBeDefined();
    const generated = input!.generated!;
    expect(generated.generatedFrom).toBe("config:hyperparameters");
    // Named by content, so runs at the same time never rewrite a folder another one reads.
    expect(generated.dir).toMatch(new RegExp(`^${workspace}/XGBoostTraining/generated/hyperparameters_s3_uri/[0-9a-f]{16}$`));
    // The script reads hyperparameters_NA.json for REGION=NA; the config's hyperparameter_file names NA_hyperparameters.json.
    expect(generated.files.map((f) => f.name)).toEqual(["hyperparameters.json", "hyperparameters_NA.json", "NA_hyperparameters.json"]);
    const text = generated.files[0]!.text;
    for (const f of generated.files) expect(f.text).toBe(text);
    expect(text).toBe(pythonDump(XGBOOST_CONFIG, "XGBoostTraining"));
    expect(text).toContain('"lr": 3e-05,');
    expect(text).toContain('"alpha_xgb": 0.0,');
    expect(text).not.toContain("__model_type__");
  });

  it("shows the input's source as config:hyperparameters", () => {
    const spec = factory.getScriptSpec("XGBoostTraining").spec;
    expect(spec.inputs["hyperparameters_s3_uri"]).toMatchObject({ source: "generated", generatedFrom: "config:hyperparameters", path: expect.stringMatching(new RegExp(`^${workspace}/XGBoostTraining/generated/hyperparameters_s3_uri/[0-9a-f]{16}$`)) });
  });

  it("a user's --input wins over the generated file", () => {
    const own = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, scriptsDirs: [xgboostScriptsDir], interfacesDirs: [realInterfacesDir], settings: false, workspace });
    own.configureScriptTesting("XGBoostTraining", { inputs: { hyperparameters_s3_uri: realInterfacesDir } });
    expect(own.getScriptSpec("XGBoostTraining").spec.inputs["hyperparameters_s3_uri"]).toMatchObject({ source: "user", path: realInterfacesDir });
  });
});

describe("RiskTableMappingConfig's hyperparameters.json", () => {
  const rule = lookupEnvRule(buildCatalog([realInterfacesDir]), "RiskTableMappingConfig")?.hyperparameters_file;
  const fieldsOf = (specific: string): Parameters<typeof hyperparametersFile>[1] =>
    parseConfig(parseJsonText(`{"configuration": {"shared": {}, "specific": {"R": ${specific}}}, "metadata": {"config_types": {"R": "RiskTableMappingConfig"}}}`, "inline", { lossless: true }), "inline", "/tmp").steps.get("R")!.effective;

  it("holds cat_field_list, label_name, smooth_factor and count_threshold (get_hyperparameters_dict), numbers as written", () => {
    const file = hyperparametersFile(rule!, fieldsOf('{"cat_field_list": ["PAYMETH", "claim_reason"], "label_name": "is_abuse", "smooth_factor": 1.0, "count_threshold": 10, "max_unique_threshold": 50}'));
    expect(file?.input).toBe("hyperparameters_s3_uri");
    expect(file?.files).toEqual([
      { name: "hyperparameters.json", text: '{\n  "cat_field_list": [\n    "PAYMETH",\n    "claim_reason"\n  ],\n  "label_name": "is_abuse",\n  "smooth_factor": 1.0,\n  "count_threshold": 10\n}' },
    ]);
  });

  it("uses the class's field defaults for fields the saved config leaves out", () => {
    const file = hyperparametersFile(rule!, fieldsOf("{}"));
    expect(file?.files[0]?.text).toBe('{\n  "cat_field_list": [],\n  "label_name": "target",\n  "smooth_factor": 0.01,\n  "count_threshold": 5\n}');
  });
});
