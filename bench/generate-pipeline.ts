/** Generated cursus pipelines (DAG + config + scripts) of any size, for the discovery benchmark. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const LAYER_WIDTH = 10;
const SCRIPTS = ["tabular_preprocessing.py", "xgboost_training.py", "xgboost_model_evaluation.py", "model_calibration.py", "package.py", "payload.py"];

/** One node kind per slot of a cycle of 10: mostly processing/training script nodes, some phantoms. */
interface Kind {
  readonly stepType: string;
  readonly fields: (job: string) => Record<string, unknown>;
}
const processing = (entry: string, extra: Record<string, unknown> = {}) => (job: string) => ({
  job_type: job,
  processing_entry_point: entry,
  processing_instance_count: 1,
  processing_volume_size: 500,
  use_large_processing_instance: true,
  ...extra,
});
const KINDS: readonly Kind[] = [
  { stepType: "CradleDataLoading", fields: (job) => ({ job_type: job, data_sources_spec: { __model_type__: "DataSourcesSpecificationConfig", data_sources: { __type_info__: "list", value: [{ __model_type__: "DataSourceConfig", data_source_name: "RAW" }] } } }) },
  { stepType: "TabularPreprocessing", fields: processing("tabular_preprocessing.py", { label_name: "is_abuse", train_ratio: 0.7, test_val_ratio: 0.5 }) },
  {
    stepType: "XGBoostTraining",
    fields: (job) => ({
      job_type: job,
      training_entry_point: "xgboost_training.py",
      hyperparameters: { __model_type__: "XGBoostModelHyperparameters", eta: 0.3, max_depth: 6, cat_field_list: { __type_info__: "list", value: ["a", "b", "c"] } },
    }),
  },
  { stepType: "XGBoostModelEval", fields: processing("xgboost_model_evaluation.py", { id_name: "order_id", label_name: "is_abuse" }) },
  { stepType: "ModelCalibration", fields: processing("model_calibration.py", { label_field: "is_abuse", score_field: "prob_class_1", calibration_method: "gam" }) },
  { stepType: "Package", fields: processing("package.py") },
  { stepType: "Payload", fields: processing("payload.py", { expected_tps: 2, max_acceptable_error_rate: 0.2 }) },
  { stepType: "TabularPreprocessing", fields: processing("tabular_preprocessing.py", { label_name: "label", categorical_columns: { __type_info__: "set", value: ["x", "y"] } }) },
  { stepType: "Registration", fields: () => ({ inference_entry_point: "xgboost_inference.py", framework: "xgboost" }) },
  { stepType: "ModelCalibration", fields: processing("model_calibration.py") },
];

export interface Generated {
  readonly dag: string;
  readonly config: string;
  readonly scriptNodes: number;
}

export interface GenerateOptions {
  /**
   * Let phantoms sit mid-graph (fed by the layer above and feeding the one below) instead of where cursus
   * puts them: data loads as sources, registration as sinks. Phantoms then chain through every layer, and
   * each script node below such a chain has every script node along it as an upstream: quadratic by nature.
   */
  readonly phantomChains?: boolean;
}

const isSource = (kind: Kind): boolean => kind.stepType === "CradleDataLoading";
const isSink = (kind: Kind): boolean => kind.stepType === "Registration";

/**
 * A DAG of `n` nodes in layers of LAYER_WIDTH, each node fed by up to three nodes of the layer above
 * (layered fan-in), and its config. Data-loading phantoms are sources and registration phantoms are sinks.
 */
export function generate(n: number, dir: string, options: GenerateOptions = {}): Generated {
  const scriptsDir = join(dir, "scripts");
  mkdirSync(scriptsDir, { recursive: true });
  for (const script of SCRIPTS) writeFileSync(join(scriptsDir, script), "def main(input_paths, output_paths, environ_vars, job_args):\n    pass\n");

  const nodes: string[] = [];
  const edges: [string, string][] = [];
  const specific: Record<string, Record<string, unknown>> = {
    Base: { __model_type__: "BasePipelineConfig" },
    Processing: { __model_type__: "ProcessingStepConfigBase", processing_source_dir: scriptsDir },
  };
  const configTypes: Record<string, string> = { Base: "BasePipelineConfig", Processing: "ProcessingStepConfigBase" };
  let scriptNodes = 0;
  for (let i = 0; i < n; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const job = `j${i}`;
    const name = `${kind.stepType}_${job}`;
    nodes.push(name);
    specific[name] = { __model_type__: `${kind.stepType}Config`, ...kind.fields(job) };
    configTypes[name] = `${kind.stepType}Config`;
    if (kind.stepType !== "CradleDataLoading" && kind.stepType !== "Registration") scriptNodes++;
    const layer = Math.floor(i / LAYER_WIDTH);
    if (layer > 0 && (options.phantomChains === true || !isSource(kind))) {
      const slot = i % LAYER_WIDTH;
      const above = (layer - 1) * LAYER_WIDTH;
      for (const offset of new Set([0, 1, 3].map((o) => (slot + o) % LAYER_WIDTH))) {
        const parent = above + offset;
        if (options.phantomChains === true || !isSink(KINDS[parent % KINDS.length]!)) edges.push([nodes[parent]!, name]);
      }
    }
  }
  const shared = {
    author: "bench",
    bucket: "bench-bucket",
    region: "NA",
    pipeline_version: "1.0.0",
    source_dir: scriptsDir,
    framework_version: "1.7-1",
    py_version: "py3",
    role: "arn:aws:iam::123456789012:role/Bench",
  };
  const dag = join(dir, "pipeline.dag.json");
  const config = join(dir, "config.json");
  writeFileSync(dag, JSON.stringify({ dag: { description: `generated, ${n} nodes`, nodes, edges }, metadata: { name: `bench_${n}` } }));
  writeFileSync(config, JSON.stringify({ configuration: { shared, specific }, metadata: { config_types: configTypes, created_at: "2025-01-01T00:00:00" } }));
  return { dag, config, scriptNodes };
}
