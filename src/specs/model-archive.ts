/** The one file a SageMaker training job uploads its model folder (/opt/ml/model) as. */
export const MODEL_ARCHIVE = "model.tar.gz";

/**
 * How a step output reaches the steps after it, from its spec's property path: a training job's
 * `ModelArtifacts.S3ModelArtifacts` is the S3 key of model.tar.gz, so a processing input fed from it
 * holds that one archive, not the folder's files.
 */
export function archivedAs(propertyPath: string | undefined): typeof MODEL_ARCHIVE | undefined {
  return propertyPath === "properties.ModelArtifacts.S3ModelArtifacts" ? MODEL_ARCHIVE : undefined;
}
