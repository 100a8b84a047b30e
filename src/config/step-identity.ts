import type { StepConfig } from "./pipeline-config.js";

/** `TabularPreprocessing_training` -> `training`; cursus job types are lower-case suffixes. */
export function jobTypeSuffix(name: string): string | undefined {
  return /_([a-z][a-z0-9]*)$/.exec(name)?.[1];
}

/** `TabularPreprocessing_training` -> `TabularPreprocessing`. */
export function stripJobType(name: string): string {
  const suffix = jobTypeSuffix(name);
  return suffix === undefined ? name : name.slice(0, -(suffix.length + 1));
}

/** The step type a config block configures: its class name without `Config`, else its key without the job type. */
export function stepTypeOf(step: StepConfig): string {
  if (step.className !== undefined && step.className.endsWith("Config") && step.className !== "Config") {
    return step.className.slice(0, -"Config".length);
  }
  return stripJobType(step.key);
}

/** The block's `job_type` field, else its key's suffix. */
export function jobTypeOf(step: StepConfig): string | undefined {
  const field = step.specific["job_type"];
  return typeof field === "string" && field !== "" ? field : jobTypeSuffix(step.key);
}

/** Base blocks (`Base`, `Processing`) hold shared fields for subclasses; they are not steps. */
export function isBaseBlock(step: StepConfig): boolean {
  const cls = step.className ?? "";
  return /^Base[A-Z]|Base$/.test(cls) || (cls === "" && (step.key === "Base" || step.key === "Processing"));
}
