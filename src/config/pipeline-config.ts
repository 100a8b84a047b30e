import type { SourceNumber } from "./source-number.js";

/**
 * A decoded config value: what `json.loads` gives after cursus's markers are undone. Numbers read from a
 * file are `SourceNumber`s (their Python text); numbers given in code stay JS numbers.
 */
export type ConfigValue = null | boolean | number | SourceNumber | string | ConfigValue[] | { [key: string]: ConfigValue };
export type ConfigFields = Readonly<Record<string, ConfigValue>>;

/** One block of `configuration.specific`. */
export interface StepConfig {
  readonly key: string;
  /** `__model_type__` of the block, else `metadata.config_types[key]`. */
  readonly className: string | undefined;
  /** Only the block's own fields. */
  readonly specific: ConfigFields;
  /** `shared` overlaid by `specific` (specific wins). */
  readonly effective: ConfigFields;
}

export interface PipelineConfig {
  /** A file path, or `<object>` when given in code. */
  readonly source: string;
  /** The folder relative source dirs are taken from (the config file's folder, or the current one). */
  readonly baseDir: string;
  readonly shared: ConfigFields;
  /** In file order. */
  readonly steps: ReadonlyMap<string, StepConfig>;
}
