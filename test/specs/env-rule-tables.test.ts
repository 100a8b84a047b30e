import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCatalog, builtinEnvRulesDir, lookupEnvRule } from "../../src/catalog/step-catalog.js";
import { loadConfig, parseConfig } from "../../src/config/load-config.js";
import type { ConfigFields } from "../../src/config/pipeline-config.js";
import { parseJsonText } from "../../src/io/read-json-file.js";
import { computeEnv, computeJobArgs } from "../../src/specs/apply-env-rule.js";
import { createFactory } from "../../src/factory/testing-factory.js";
import { BEDROCK_CONFIG, realInterfacesDir, XGBOOST_CONFIG, XGBOOST_DAG, xgboostScriptsDir } from "../helpers/fixtures.js";

// Expected strings are what the config classes in TianpeiLuke/cursus (src/cursus/steps/configs, HEAD)
// compute for these configs, read from their get_environment_variables / _env_overrides / get_job_arguments.

const catalog = buildCatalog([realInterfacesDir]);
const factory = createFactory({ dag: XGBOOST_DAG, config: XGBOOST_CONFIG, scriptsDirs: [xgboostScriptsDir], interfacesDirs: [realInterfacesDir], settings: false, workspace: "/tmp/cursus-lab-ws" });
const envOf = (node: string): Record<string, [string | undefined, string]> =>
  Object.fromEntries(factory.getScriptTestingRequirements(node).env.map((e) => [e.name, [e.value, e.source]]));
const argsOf = (node: string): string[] => factory.getScriptTestingRequirements(node).args.flatMap((a) => [a.flag, a.value ?? "?"]);

describe("env tables on the real xgboost config", () => {
  it("TabularPreprocessingConfig: label_name as LABEL_FIELD, the ratios, the class defaults, --job_type", () => {
    expect(envOf("TabularPreprocessing_training")).toEqual({
      LABEL_FIELD: ["is_abuse", "config:label_name"],
      TRAIN_RATIO: ["0.7", "config:train_ratio"],
      TEST_VAL_RATIO: ["0.5", "config:test_val_ratio"],
      OUTPUT_FORMAT: ["CSV", "computed:str(output_format, class default)"],
      MAX_WORKERS: ["0", "computed:str(max_workers, class default)"],
      BATCH_SIZE: ["5", "computed:str(batch_size, class default)"],
      OPTIMIZE_MEMORY: ["false", "computed:bool(optimize_memory, class default)"],
      STREAMING_BATCH_SIZE: ["0", "computed:str(streaming_batch_size, class default)"],
      ENABLE_TRUE_STREAMING: ["false", "computed:bool(enable_true_streaming, class default)"],
    });
    expect(argsOf("TabularPreprocessing_training")).toEqual(["--job_type", "training"]);
    expect(argsOf("TabularPreprocessing_calibration")).toEqual(["--job_type", "calibration"]);
  });

  it("a value the class computes from a field the saved config leaves out takes the class's own field default", () => {
    // XGBoostTrainingConfig declares use_secure_pypi = True; ModelCalibrationConfig inherits the base class's False.
    expect(envOf("XGBoostTraining")["USE_SECURE_PYPI"]).toEqual(["true", "computed:lower(use_secure_pypi, class default)"]);
    expect(envOf("XGBoostTraining")["USE_PRECOMPUTED_FEATURES"]).toEqual(["false", "computed:lower(use_precomputed_features, class default)"]);
    expect(envOf("ModelCalibration_calibration")["USE_SECURE_PYPI"]).toEqual(["false", "computed:lower(use_secure_pypi, class default)"]);
  });

  it("PayloadConfig: CONTENT_TYPES comma-joined, 0.0 kept, FIELD_DEFAULTS omitted so the default applies, no arguments", () => {
    const env = envOf("Payload");
    expect(env["CONTENT_TYPES"]).toEqual(["text/csv", "computed:comma(source_model_inference_content_types)"]);
    expect(env["DEFAULT_NUMERIC_VALUE"]).toEqual(["0.0", "config:default_numeric_value"]);
    expect(env["DEFAULT_TEXT_VALUE"]).toEqual(["DEFAULT_TEXT", "config:default_text_value"]);
    expect(env["FIELD_DEFAULTS"]).toEqual(["{}", "default"]);
    expect(argsOf("Payload")).toEqual([]);
  });

  it("XGBoostModelEvalConfig: ID and label fields, metric choices comma-joined, booleans lower-case", () => {
    expect(envOf("XGBoostModelEval_calibration")).toMatchObject({
      ID_FIELD: ["order_id", "config:hyperparameters.id_name"],
      LABEL_FIELD: ["is_abuse", "config:hyperparameters.label_name"],
      EVAL_METRIC_CHOICES: ["auc,average_precision,f1_score", "computed:comma(eval_metric_choices)"],
      COMPARISON_MODE: ["false", "computed:lower(comparison_mode, class default)"],
      STATISTICAL_TESTS: ["true", "computed:lower(statistical_tests, class default)"],
      COMPARISON_METRICS: ["all", "computed:str(comparison_metrics, class default)"],
    });
    expect(argsOf("XGBoostModelEval_calibration")).toEqual(["--job_type", "calibration"]);
  });

  it("ModelCalibrationConfig: the computed set, and nothing for the unset list fields", () => {
    expect(envOf("ModelCalibration_calibration")).toMatchObject({
      CALIBRATION_METHOD: ["gam", "config:calibration_method"],
      MONOTONIC_CONSTRAINT: ["true", "computed:lower(monotonic_constraint)"],
      GAM_SPLINES: ["10", "config:gam_splines"],
      ERROR_THRESHOLD: ["0.05", "config:error_threshold"],
      IS_BINARY: ["true", "computed:lower(is_binary)"],
      NUM_CLASSES: ["2", "config:num_classes"],
      SCORE_FIELD_PREFIX: ["prob_class_", "config:score_field_prefix"],
      LABEL_FIELD: ["is_abuse", "config:label_field"],
      SCORE_FIELD: ["prob_class_1", "config:score_field"],
      MULTICLASS_CATEGORIES: ["", "default"],
    });
    expect(argsOf("ModelCalibration_calibration")).toEqual(["--job_type", "calibration"]);
  });

  it("PackageConfig: the pipeline fields that are set, and no arguments", () => {
    expect(envOf("Package")).toMatchObject({
      PIPELINE_NAME: ["lukexie-AtoZ-xgboost-NA", "config:pipeline_name"],
      REGION: ["NA", "config:region"],
      BUCKET_NAME: ["example-team-share-bucket", "config:bucket"],
      PIPELINE_VERSION: ["1.3.1", "config:pipeline_version"],
    });
    expect(envOf("Package")["MODEL_TYPE"]).toBeUndefined();
    expect(argsOf("Package")).toEqual([]);
  });

  it("XGBoostTrainingConfig: REGION from the config, no --job_type when the config has none", () => {
    expect(envOf("XGBoostTraining")["REGION"]).toEqual(["NA", "config:region"]);
    expect(argsOf("XGBoostTraining")).toEqual([]);
  });
});

describe("env tables on the real bedrock config", () => {
  const config = loadConfig(BEDROCK_CONFIG);
  const computed = (key: string): Record<string, string | null> => {
    const step = config.steps.get(key)!;
    return Object.fromEntries([...computeEnv(lookupEnvRule(catalog, step.className)!, step.effective)].map(([k, v]) => [k, v.value]));
  };
  const args = (key: string): string[] => {
    const step = config.steps.get(key)!;
    return computeJobArgs(lookupEnvRule(catalog, step.className)!, step.effective).flatMap((a) => [a.flag, a.value]);
  };

  it("BedrockBatchProcessingConfig equals the dict the class saved in the config, and passes three arguments", () => {
    const saved = config.steps.get("BedrockBatchProcessing_training")!.specific["bedrock_environment_variables"];
    expect(computed("BedrockBatchProcessing_training")).toEqual(saved);
    expect(computed("BedrockBatchProcessing_training")["BEDROCK_BATCH_SIZE"]).toBe("10");
    expect(args("BedrockBatchProcessing_training")).toEqual(["--job_type", "training", "--batch-size", "10", "--max-retries", "3"]);
  });

  it("LabelRulesetExecutionConfig: lower-cased booleans and format, --job-type hyphenated", () => {
    expect(computed("LabelRulesetExecution_training")).toEqual({
      FAIL_ON_MISSING_FIELDS: "true",
      ENABLE_RULE_MATCH_TRACKING: "true",
      ENABLE_PROGRESS_LOGGING: "true",
      PREFERRED_INPUT_FORMAT: "parquet",
      USE_SECURE_PYPI: "true",
    });
    expect(args("LabelRulesetExecution_training")).toEqual(["--job-type", "training"]);
  });

  it("LabelRulesetGenerationConfig: four validation switches, no arguments", () => {
    expect(computed("LabelRulesetGeneration")).toEqual({
      ENABLE_FIELD_VALIDATION: "true",
      ENABLE_LABEL_VALIDATION: "true",
      ENABLE_LOGIC_VALIDATION: "true",
      ENABLE_RULE_OPTIMIZATION: "true",
    });
    expect(args("LabelRulesetGeneration")).toEqual([]);
  });

  it("BedrockPromptTemplateGenerationConfig: placeholders as json.dumps, --include-examples and --template-version", () => {
    expect(computed("BedrockPromptTemplateGeneration")).toEqual({
      TEMPLATE_TASK_TYPE: "buyer_seller_classification",
      TEMPLATE_STYLE: "structured",
      VALIDATION_LEVEL: "comprehensive",
      INPUT_PLACEHOLDERS: '["dialogue", "shiptrack_event_history_by_order", "shiptrack_max_estimated_arrival_date_by_order"]',
      INCLUDE_EXAMPLES: "true",
      TEMPLATE_VERSION: "2.0",
    });
    expect(args("BedrockPromptTemplateGeneration")).toEqual(["--include-examples", "", "--template-version", "2.0"]);
  });
});

describe("env tables for classes the fixture configs do not hold", () => {
  // A block given as JSON text keeps its numbers' text, as a config file does (`1.0` stays `1.0`).
  const run = (configClass: string, block: Record<string, unknown> | string): { env: Record<string, string | null>; args: string[] } => {
    const text = typeof block === "string" ? block : JSON.stringify(block);
    const raw = parseJsonText(`{"configuration": {"shared": {}, "specific": {"Step": {"__model_type__": "${configClass}", ${text.slice(1)}}}}`, "t.json", { lossless: true });
    const config = parseConfig(raw, "t.json", "/base");
    const fields: ConfigFields = config.steps.get("Step")!.effective;
    const rule = lookupEnvRule(catalog, configClass)!;
    return {
      env: Object.fromEntries([...computeEnv(rule, fields)].map(([k, v]) => [k, v.value])),
      args: computeJobArgs(rule, fields).flatMap((a) => [a.flag, a.value]),
    };
  };

  it("CurrencyConversionConfig: the vars and dict as json.dumps, empty codes for unset fields", () => {
    const out = run(
      "CurrencyConversionConfig",
      `{"job_type": "training", "currency_conversion_vars": ["order_amount", "refund_amount"],
        "currency_conversion_dict": {"__model_type__": "CurrencyConversionDict", "USD": 1.0, "EUR": 1.1},
        "currency_code_field": null, "marketplace_id_field": "marketplace_id", "default_currency": "USD", "n_workers": 50}`,
    );
    expect(out.env).toEqual({
      CURRENCY_CONVERSION_VARS: '["order_amount", "refund_amount"]',
      CURRENCY_CONVERSION_DICT: '{"USD": 1.0, "EUR": 1.1}',
      CURRENCY_CODE_FIELD: "",
      MARKETPLACE_ID_FIELD: "marketplace_id",
      DEFAULT_CURRENCY: "USD",
      N_WORKERS: "50",
    });
    expect(out.args).toEqual(["--job_type", "training"]);
  });

  it("MissingValueImputationConfig: label first in EXCLUDE_COLUMNS, one COLUMN_STRATEGY_ per column", () => {
    const out = run(
      "MissingValueImputationConfig",
      `{"job_type": "calibration", "label_field": "y", "default_numerical_strategy": "mean", "default_categorical_strategy": "mode",
        "default_text_strategy": "mode", "numerical_constant_value": 0.0, "categorical_constant_value": "Unknown", "text_constant_value": "Unknown",
        "categorical_preserve_dtype": true, "auto_detect_categorical": true, "categorical_unique_ratio_threshold": 0.1,
        "validate_fill_values": true, "exclude_columns": ["id", "y"], "column_strategies": {"age": "median"}, "enable_true_streaming": false, "max_workers": null}`,
    );
    expect(out.env).toEqual({
      LABEL_FIELD: "y", DEFAULT_NUMERICAL_STRATEGY: "mean", DEFAULT_CATEGORICAL_STRATEGY: "mode", DEFAULT_TEXT_STRATEGY: "mode",
      NUMERICAL_CONSTANT_VALUE: "0.0", CATEGORICAL_CONSTANT_VALUE: "Unknown", TEXT_CONSTANT_VALUE: "Unknown",
      CATEGORICAL_PRESERVE_DTYPE: "true", AUTO_DETECT_CATEGORICAL: "true", CATEGORICAL_UNIQUE_RATIO_THRESHOLD: "0.1",
      VALIDATE_FILL_VALUES: "true", EXCLUDE_COLUMNS: "y,id", COLUMN_STRATEGY_AGE: "median", ENABLE_TRUE_STREAMING: "false", MAX_WORKERS: "None",
    });
    expect(out.args).toEqual(["--job_type", "calibration"]);
  });

  it("RiskTableMappingConfig, StratifiedSamplingConfig, DummyTrainingConfig", () => {
    expect(run("RiskTableMappingConfig", { job_type: "training", smooth_factor: 0.01, count_threshold: 5, max_unique_threshold: 100, enable_true_streaming: false, max_workers: 2 })).toEqual({
      env: { SMOOTH_FACTOR: "0.01", COUNT_THRESHOLD: "5", MAX_UNIQUE_THRESHOLD: "100", ENABLE_TRUE_STREAMING: "false", MAX_WORKERS: "2" },
      args: ["--job_type", "training"],
    });
    expect(run("StratifiedSamplingConfig", { job_type: "training" })).toEqual({ env: {}, args: ["--job_type", "training"] });
    expect(run("DummyTrainingConfig", { job_type: "training" })).toEqual({ env: {}, args: [] });
  });

  it("XGBoostModelInferenceConfig, ModelMetricsComputationConfig, PyTorchTrainingConfig", () => {
    expect(run("XGBoostModelInferenceConfig", { job_type: "calibration", id_name: "oid", label_name: "y", output_format: "csv", json_orient: "records" }).env).toEqual({
      ID_FIELD: "oid", LABEL_FIELD: "y", OUTPUT_FORMAT: "csv", JSON_ORIENT: "records",
    });
    const metrics = run("ModelMetricsComputationConfig", {
      job_type: "calibration", id_name: "oid", input_format: "auto", compute_dollar_recall: true, compute_count_recall: true, dollar_recall_fpr: 0.1,
      count_recall_cutoff: 0.1, generate_plots: true, use_secure_pypi: false, label_name: "y", score_fields: ["s1", "s2"], task_label_names: ["t1", "t2"],
      amount_field: null, comparison_mode: false, comparison_metrics: "all", statistical_tests: true, comparison_plots: true, previous_score_field: "",
    });
    expect(metrics.env).toEqual({
      ID_FIELD: "oid", INPUT_FORMAT: "auto", COMPUTE_DOLLAR_RECALL: "true", COMPUTE_COUNT_RECALL: "true", DOLLAR_RECALL_FPR: "0.1",
      COUNT_RECALL_CUTOFF: "0.1", GENERATE_PLOTS: "true", USE_SECURE_PYPI: "false", LABEL_FIELD: "y", SCORE_FIELDS: "s1,s2", TASK_LABEL_NAMES: "t1,t2",
      COMPARISON_MODE: "false", COMPARISON_METRICS: "all", STATISTICAL_TESTS: "true", COMPARISON_PLOTS: "true",
    });
    const torch = run("PyTorchTrainingConfig", {
      region: "NA", use_secure_pypi: true, use_precomputed_imputation: false, use_precomputed_risk_tables: false, use_precomputed_features: false,
      enable_true_streaming: false, num_workers_per_rank: 0, prefetch_factor: 2, use_persistent_workers: false, limit_eval_test_rows: null, limit_eval_val_rows: 1000,
    });
    expect(torch.env).toMatchObject({ REGION: "NA", USE_SECURE_PYPI: "true", LIMIT_EVAL_TEST_ROWS: "None", LIMIT_EVAL_VAL_ROWS: "1000", PREFETCH_FACTOR: "2" });
    expect(torch.args).toEqual([]);
  });

  it("ModelWikiGeneratorConfig: MODEL_VERSION is the pipeline version, MODEL_DESCRIPTION only when set", () => {
    const shared = { author: "lukexie", region: "NA", pipeline_version: "1.3.1", pipeline_name: "lukexie-AtoZ-xgboost-NA", model_name: "atoz" };
    expect(run("ModelWikiGeneratorConfig", shared).env).toEqual({
      MODEL_NAME: "atoz",
      MODEL_USE_CASE: "Machine Learning Model",
      MODEL_VERSION: "1.3.1",
      PIPELINE_NAME: "lukexie-AtoZ-xgboost-NA",
      AUTHOR: "lukexie",
      TEAM_ALIAS: "ml-team@",
      CONTACT_EMAIL: "ml-team@company.com",
      CTI_CLASSIFICATION: "Internal",
      REGION: "NA",
      OUTPUT_FORMATS: "wiki,html,markdown",
      INCLUDE_TECHNICAL_DETAILS: "true",
      MODEL_PURPOSE: "perform classification tasks",
    });
    expect(run("ModelWikiGeneratorConfig", { ...shared, model_description: "scores orders", include_technical_details: false }).env).toMatchObject({
      MODEL_DESCRIPTION: "scores orders",
      INCLUDE_TECHNICAL_DETAILS: "false",
    });
  });

  it("PayloadConfig passes processing_script_arguments through as flag-value pairs", () => {
    expect(run("PayloadConfig", { processing_script_arguments: ["--mode", "fast", "--verbose"] }).args).toEqual(["--mode", "fast", "--verbose", ""]);
  });
});

describe("table coverage", () => {
  it("has a table for the config class of every script step with an interface in the fixtures or the catalog", () => {
    const classes = [
      "TabularPreprocessingConfig", "CurrencyConversionConfig", "MissingValueImputationConfig", "RiskTableMappingConfig", "StratifiedSamplingConfig",
      "XGBoostTrainingConfig", "XGBoostModelEvalConfig", "XGBoostModelInferenceConfig", "ModelCalibrationConfig", "ModelMetricsComputationConfig",
      "PackageConfig", "PayloadConfig", "PyTorchTrainingConfig", "DummyTrainingConfig", "BedrockBatchProcessingConfig",
      "BedrockPromptTemplateGenerationConfig", "LabelRulesetExecutionConfig", "LabelRulesetGenerationConfig",
      // Its interface is not in the fixtures, but a run of the real scripts met it with a wrong MODEL_VERSION.
      "ModelWikiGeneratorConfig",
    ];
    expect([...catalog.envRules.keys()].sort()).toEqual([...classes].sort());
    expect(readdirSync(builtinEnvRulesDir).filter((f) => f.endsWith(".env.yaml"))).toHaveLength(classes.length);
  });
});
