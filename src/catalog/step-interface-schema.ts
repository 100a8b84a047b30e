import { z } from "zod";

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const nameList = z.array(z.string()).nullish().transform((v) => v ?? []);

/**
 * Steps that run no container script (batch transform, model creation) declare inputs and outputs with
 * `path: null`: they are API parameters, not folders, so they are left out of the contract.
 */
function withPaths<T extends { path: string | null }>(entries: Record<string, T> | null | undefined): Record<string, T & { path: string }> {
  return Object.fromEntries(Object.entries(entries ?? {}).filter((e): e is [string, T & { path: string }] => e[1].path !== null));
}

const contractSchema = z
  .object({
    entry_point: z.string().nullish(),
    inputs: z
      .record(z.string(), z.object({ path: z.string().nullable(), required: z.boolean().default(true) }).loose())
      .nullish()
      .transform(withPaths),
    outputs: z
      .record(z.string(), z.object({ path: z.string().nullable() }).loose())
      .nullish()
      .transform(withPaths),
    job_arguments: z
      .array(z.object({ flag: z.string().min(1), source: z.string().optional(), value: scalar.optional() }).loose())
      .nullish()
      .transform((v) => v ?? []),
    env_vars: z
      .object({
        required: nameList,
        optional: z
          .record(z.string(), scalar.nullable())
          .nullish()
          .transform((v) => Object.fromEntries(Object.entries(v ?? {}).map(([k, d]) => [k, d ?? ""]))),
      })
      .nullish()
      .transform((v) => v ?? { required: [], optional: {} }),
    description: z.string().nullish(),
    /** `{input: attribute}`: the step mounts these inputs from a path its config computes, whatever is wired to them. */
    input_source_overrides: z
      .record(z.string(), z.string())
      .nullish()
      .transform((v) => v ?? {}),
  })
  .loose();

const dependencySchema = z
  .object({
    type: z.string().optional(),
    required: z.boolean().optional(),
    compatible_sources: nameList,
    semantic_keywords: nameList,
  })
  .loose();

const specOutputSchema = z
  .object({ type: z.string().optional(), property_path: z.string().optional(), semantic_keywords: nameList, aliases: nameList })
  .loose();

/** A cursus `*.step.yaml` step interface; unknown fields are kept, not rejected. */
export const stepInterfaceSchema = z
  .object({
    step_type: z.string().min(1),
    node_type: z.string().optional(),
    registry: z.object({ sagemaker_step_type: z.string().min(1), description: z.string().optional() }).loose(),
    contract: contractSchema.nullish().transform((v) => v ?? contractSchema.parse({})),
    spec: z
      .object({
        dependencies: z.record(z.string(), dependencySchema).nullish().transform((v) => v ?? {}),
        outputs: z.record(z.string(), specOutputSchema).nullish().transform((v) => v ?? {}),
      })
      .loose()
      .nullish()
      .transform((v) => v ?? { dependencies: {}, outputs: {} }),
    /** Per job type: the step type a `training` node of this step answers to in `compatible_sources`. */
    variants: z
      .record(z.string(), z.object({ step_type: z.string().optional() }).loose())
      .nullish()
      .transform((v) => v ?? {}),
  })
  .loose();

export type StepInterface = z.infer<typeof stepInterfaceSchema>;
export type StepContract = StepInterface["contract"];
