/**
 * Which output types a dependency type accepts, as cursus's dependency resolver has it: data passed
 * between processing steps may feed training, but model artifacts only feed what asks for model artifacts.
 * Data, so a user interface with its own types can be read the same way; a type not listed accepts only itself.
 */
export const ACCEPTED_OUTPUT_TYPES: Readonly<Record<string, readonly string[]>> = {
  model_artifacts: ["model_artifacts"],
  training_data: ["processing_output", "training_data"],
  processing_output: ["processing_output", "training_data"],
  hyperparameters: ["hyperparameters", "custom_property"],
  payload_samples: ["payload_samples", "processing_output"],
  custom_property: ["custom_property"],
};

/** True when either side leaves its type undeclared: an interface without types should not lose its wires. */
export function acceptsOutputType(dependencyType: string | undefined, outputType: string | undefined): boolean {
  if (dependencyType === undefined || outputType === undefined) return true;
  const wanted = dependencyType.toLowerCase();
  const offered = outputType.toLowerCase();
  return (ACCEPTED_OUTPUT_TYPES[wanted] ?? [wanted]).includes(offered);
}
