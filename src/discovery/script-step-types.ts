/** SageMaker step types whose job runs a user script we can run here. */
export const SCRIPT_STEP_TYPES: ReadonlySet<string> = new Set(["Processing", "Training"]);
