import type { StepInterface } from "./step-interface-schema.js";

/**
 * The names a node answers to in another step's `compatible_sources`: its job-type variant first
 * (`RiskTableMapping_Training` for a training RiskTableMapping node), then its step type. cursus names
 * sources by variant so that a calibration step can ask for the training step's artifacts in particular.
 */
export function sourceStepTypes(stepType: string, jobType: string | undefined, stepInterface: StepInterface | undefined): string[] {
  if (jobType === undefined || jobType === "") return [stepType];
  const variants = stepInterface?.variants ?? {};
  const key = Object.keys(variants).find((k) => k.toLowerCase() === jobType.toLowerCase());
  const declared = key === undefined ? undefined : variants[key]?.step_type;
  const variant = declared ?? `${stepType}_${jobType.charAt(0).toUpperCase()}${jobType.slice(1)}`;
  return [variant, stepType];
}
