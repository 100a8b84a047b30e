import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "../../src/config/load-config.js";
import { SourceNumber } from "../../src/config/source-number.js";
import type { ConfigValue } from "../../src/config/pipeline-config.js";
import { badFixture, BEDROCK_CONFIG, XGBOOST_CONFIG } from "../helpers/fixtures.js";
import { failure } from "../helpers/expect-error.js";


/** A minimal cursus config around one specific block. */
const configWith = (block: Record<string, unknown>, configTypes: Record<string, string> = {}, shared: Record<string, unknown> = {}): unknown => ({
  configuration: { shared, specific: { Step: block } },
  metadata: { config_types: configTypes },
});
const field = (raw: unknown, name: string): ConfigValue | undefined => parseConfig(raw, "test.json", "/base").steps.get("Step")!.effective[name];

describe("the real configs", () => {
  it("loads the XGBoost AtoZ config with every block, in file order", () => {
    const config = loadConfig(XGBOOST_CONFIG);
    expect(config.source).toBe(XGBOOST_CONFIG);
    expect([...config.steps.keys()]).toEqual([
      "Base",
      "CradleDataLoading_calibration",
      "CradleDataLoading_training",
      "ModelCalibration_calibration",
      "Package",
      "Payload",
      "Processing",
      "Registration",
      "TabularPreprocessing_calibration",
      "TabularPreprocessing_training",
      "XGBoostModelEval_calibration",
      "XGBoostTraining",
    ]);
    const tp = config.steps.get("TabularPreprocessing_training")!;
    expect(tp.className).toBe("TabularPreprocessingConfig");
    expect(tp.effective).toMatchObject({ label_name: "is_abuse", train_ratio: new SourceNumber("0.7"), test_val_ratio: new SourceNumber("0.5"), job_type: "training", author: "lukexie" });
    expect(tp.specific).not.toHaveProperty("__model_type__");
  });

  it("loads the PyTorch/Bedrock config, unwrapping its dict markers", () => {
    const config = loadConfig(BEDROCK_CONFIG);
    expect(config.steps.size).toBe(6);
    const rules = config.steps.get("LabelRulesetGeneration")!.specific["rule_definitions"] as { rules: { conditions: unknown }[] };
    expect(rules).not.toHaveProperty("__model_type__");
    expect(rules.rules[0]!.conditions).toEqual({ all_of: null, any_of: null, field: "abuse_flag", none_of: null, operator: "not_equals", value: new SourceNumber("1.0") });
  });

  it("keeps nested objects of classes it does not know as plain objects, and drops no step", () => {
    const config = loadConfig(XGBOOST_CONFIG);
    const hyper = config.steps.get("XGBoostTraining")!.specific["hyperparameters"] as Record<string, ConfigValue>;
    expect(hyper).toMatchObject({ eta: new SourceNumber("0.3"), booster: "gbtree", cat_field_list: ["PAYMETH", "claim_reason", "claimantInfo_status", "shipments_status"] });
    expect(hyper).not.toHaveProperty("__model_type__");
    const cradle = config.steps.get("CradleDataLoading_training")!.specific["data_sources_spec"] as { data_sources: unknown[] };
    expect(Array.isArray(cradle.data_sources)).toBe(true);
    expect(cradle.data_sources.length).toBe(2);
    expect(JSON.stringify(config.steps.get("CradleDataLoading_training")!.specific)).not.toContain("__type_info__");
    expect(JSON.stringify(config.steps.get("CradleDataLoading_training")!.specific)).not.toContain("__model_type__");
  });

  it("takes relative source dirs from the config file's folder by default", () => {
    expect(loadConfig(XGBOOST_CONFIG).baseDir).toBe(XGBOOST_CONFIG.slice(0, XGBOOST_CONFIG.lastIndexOf("/")));
  });
});

describe("shared and specific", () => {
  it("overlays specific on shared, specific winning", () => {
    const config = parseConfig(configWith({ a: "specific", c: 3 }, {}, { a: "shared", b: 2 }), "t.json", "/base");
    const step = config.steps.get("Step")!;
    expect(step.effective).toEqual({ a: "specific", b: 2, c: 3 });
    expect(step.specific).toEqual({ a: "specific", c: 3 });
    expect(config.shared).toEqual({ a: "shared", b: 2 });
  });

  it("lets a specific null override a shared value", () => {
    expect(field(configWith({ a: null }, {}, { a: "shared" }), "a")).toBeNull();
  });

  it("treats a missing shared block as empty", () => {
    const config = parseConfig({ configuration: { specific: { Step: { a: 1 } } } }, "t.json", "/base");
    expect(config.steps.get("Step")!.effective).toEqual({ a: 1 });
  });

  it("takes the class name from the block, else from metadata.config_types", () => {
    const raw = {
      configuration: { shared: {}, specific: { A: { __model_type__: "AConfig" }, B: {} } },
      metadata: { config_types: { B: "BConfig" } },
    };
    const config = parseConfig(raw, "t.json", "/base");
    expect(config.steps.get("A")!.className).toBe("AConfig");
    expect(config.steps.get("B")!.className).toBe("BConfig");
  });
});

describe("__type_info__ markers", () => {
  it.each([
    { kind: "list", wrapped: { __type_info__: "list", value: ["a", "b"] }, decoded: ["a", "b"] },
    { kind: "tuple", wrapped: { __type_info__: "tuple", value: [1, 2] }, decoded: [1, 2] },
    { kind: "set", wrapped: { __type_info__: "set", value: ["x"] }, decoded: ["x"] },
    { kind: "dict", wrapped: { __type_info__: "dict", value: { k: 1, n: null } }, decoded: { k: 1, n: null } },
    { kind: "datetime", wrapped: { __type_info__: "datetime", value: "2025-09-21T10:00:00" }, decoded: "2025-09-21T10:00:00" },
    { kind: "path", wrapped: { __type_info__: "path", value: "dockers/scripts" }, decoded: "dockers/scripts" },
    { kind: "enum", wrapped: { __type_info__: "enum", enum_class: "OutputFormat", value: "CSV" }, decoded: "CSV" },
    {
      kind: "nested list of dicts",
      wrapped: { __type_info__: "list", value: [{ __type_info__: "dict", value: { a: { __type_info__: "set", value: [1] } } }] },
      decoded: [{ a: [1] }],
    },
  ])("decodes $kind", ({ wrapped, decoded }) => {
    expect(field(configWith({ v: wrapped }), "v")).toEqual(decoded);
  });

  it("decodes markers in shared fields too", () => {
    const config = parseConfig(configWith({}, {}, { cols: { __type_info__: "list", value: ["a"] } }), "t.json", "/base");
    expect(config.shared["cols"]).toEqual(["a"]);
    expect(config.steps.get("Step")!.effective["cols"]).toEqual(["a"]);
  });

  it("rejects an unknown __type_info__ with its code, file and JSON path", () => {
    const error = failure(() => loadConfig(badFixture("unknown-type-info.config.json")));
    expect(error.code).toBe("CONFIG_UNKNOWN_TYPE_INFO");
    expect(error.file).toBe(badFixture("unknown-type-info.config.json"));
    expect(error.at).toBe("configuration.specific.TabularPreprocessing_training.categorical_columns");
    expect(error.message).toContain('"frozenset"');
    expect(error.hint).toContain('"list"');
  });

  it("gives the JSON path of a marker deep inside lists", () => {
    const raw = configWith({ outer: { __type_info__: "list", value: [1, { __type_info__: "decimal", value: "1.0" }] } });
    const error = failure(() => parseConfig(raw, "t.json", "/base"));
    expect(error.code).toBe("CONFIG_UNKNOWN_TYPE_INFO");
    expect(error.at).toBe("configuration.specific.Step.outer.value[1]");
  });

  it.each([
    { kind: "list", value: "a,b", says: 'its "value" is "a,b", not a list' },
    { kind: "set", value: undefined, says: 'its "value" is missing, not a list' },
    { kind: "dict", value: [1], says: 'its "value" is [1], not an object' },
  ])("rejects a $kind marker whose value has the wrong type rather than guessing", ({ kind, value, says }) => {
    const error = failure(() => parseConfig(configWith({ v: { __type_info__: kind, value } }), "t.json", "/base"));
    expect(error.code).toBe("CONFIG_BAD_TYPE_INFO");
    expect(error.at).toBe("configuration.specific.Step.v");
    expect(error.message).toContain(says);
    expect(error.message).not.toContain("cursus does not write");
  });
});

describe("__model_type__", () => {
  it("rejects a block whose __model_type__ disagrees with metadata.config_types", () => {
    const error = failure(() => loadConfig(badFixture("model-type-mismatch.config.json")));
    expect(error.code).toBe("CONFIG_MODEL_TYPE_MISMATCH");
    expect(error.file).toBe(badFixture("model-type-mismatch.config.json"));
    expect(error.at).toBe("configuration.specific.XGBoostTraining");
    expect(error.message).toContain('"XGBoostModelEvalConfig"');
    expect(error.message).toContain('"XGBoostTrainingConfig"');
  });

  it.each([
    { name: "a number", value: 3 },
    { name: "null", value: null },
    { name: "an object", value: { cls: "X" } },
    { name: "a sentence", value: "not a class" },
  ])("rejects a non-class-name __model_type__ on a block: $name", ({ value }) => {
    const error = failure(() => parseConfig(configWith({ __model_type__: value }), "t.json", "/base"));
    expect(error.code).toBe("CONFIG_BAD_MODEL_TYPE");
    expect(error.at).toBe("configuration.specific.Step");
    expect(error.file).toBe("t.json");
  });

  it("rejects a non-string __model_type__ on a nested object, at its path", () => {
    const error = failure(() => parseConfig(configWith({ hyper: { __model_type__: 7, eta: 0.1 } }), "t.json", "/base"));
    expect(error.code).toBe("CONFIG_BAD_MODEL_TYPE");
    expect(error.at).toBe("configuration.specific.Step.hyper");
  });

  it("keeps an unknown nested class's fields", () => {
    expect(field(configWith({ hyper: { __model_type__: "SomeUnknownHyperparameters", eta: 0.1 } }), "hyper")).toEqual({ eta: 0.1 });
  });
});

describe("wrong shape", () => {
  it("names the file and the misplaced field", () => {
    const error = failure(() => loadConfig(badFixture("wrong-shape.config.json")));
    expect(error.code).toBe("WRONG_SHAPE");
    expect(error.at).toBe("configuration.specific");
    expect(error.message).toContain(`${badFixture("wrong-shape.config.json")} is not a cursus pipeline config file`);
  });

  it("rejects a DAG file given as the config", () => {
    const error = failure(() => parseConfig({ dag: { nodes: [], edges: [] } }, "dag.json", "/base"));
    expect(error.code).toBe("WRONG_SHAPE");
    expect(error.at).toBe("configuration");
  });

  it("rejects a metadata.config_types entry that is not a string", () => {
    const error = failure(() => parseConfig({ configuration: { specific: {} }, metadata: { config_types: { A: 1 } } }, "t.json", "/base"));
    expect(error.code).toBe("WRONG_SHAPE");
    expect(error.at).toBe("metadata.config_types.A");
  });
});
