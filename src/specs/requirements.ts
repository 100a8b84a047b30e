import { join, resolve } from "node:path";
import type { StepContract } from "../catalog/step-interface-schema.js";
import type { ConfigFields, ConfigValue } from "../config/pipeline-config.js";
import type { ScriptNode } from "../discovery/node-discovery.js";
import { stringifyValue } from "./stringify-value.js";

/** Where a value came from: `config:label_name`, `config:hyperparameters.eta`, `default`, `override`, `missing`. */
export type ValueSource = `config:${string}` | "default" | "override" | "missing";

export interface PathRequirement {
  readonly logicalName: string;
  readonly required: boolean;
  readonly containerPath: string;
  readonly defaultLocalPath: string;
}

export interface EnvRequirement {
  readonly name: string;
  readonly required: boolean;
  /** Undefined only when `source` is `missing`. */
  readonly value: string | undefined;
  readonly source: ValueSource;
}

export interface ArgRequirement {
  readonly flag: string;
  /** The argparse attribute name (`--job-type` -> `job_type`). */
  readonly dest: string;
  readonly value: string | undefined;
  readonly source: ValueSource;
}

export interface ScriptRequirements {
  readonly node: string;
  readonly stepType: string;
  readonly scriptPath: string;
  readonly inputs: readonly PathRequirement[];
  readonly outputs: readonly PathRequirement[];
  readonly env: readonly EnvRequirement[];
  readonly args: readonly ArgRequirement[];
}

/** Env var names cursus scripts read under a name that differs from the config field. */
const ENV_ALIASES: Readonly<Record<string, readonly string[]>> = {
  LABEL_FIELD: ["label_name", "label_field"],
  ID_FIELD: ["id_name", "id_field"],
};

const EMPTY_CONTRACT: StepContract = { inputs: {}, outputs: {}, job_arguments: [], env_vars: { required: [], optional: {} } };

/** The folder a logical input or output gets when the user does not choose one. */
export function defaultLocalPath(workspace: string, node: string, direction: "input" | "output", logical: string): string {
  return join(resolve(workspace), node, direction, logical);
}

export function argDest(flag: string): string {
  return flag.replace(/^-+/, "").replace(/-/g, "_");
}

/** What a script node needs, pre-filled from its effective config and contract, each value labelled with its source. */
export function deriveRequirements(
  node: ScriptNode,
  fields: ConfigFields,
  contract: StepContract | undefined,
  workspace: string,
): ScriptRequirements {
  const c = contract ?? EMPTY_CONTRACT;
  const paths = (direction: "input" | "output", declared: Record<string, { path: string; required?: boolean }>): PathRequirement[] =>
    Object.entries(declared).map(([logicalName, decl]) => ({
      logicalName,
      required: direction === "input" ? decl.required !== false : true,
      containerPath: decl.path,
      defaultLocalPath: defaultLocalPath(workspace, node.name, direction, logicalName),
    }));

  const required = new Set(c.env_vars.required);
  const names = [...c.env_vars.required, ...Object.keys(c.env_vars.optional).filter((n) => !required.has(n))];
  const env = names.map((name): EnvRequirement => {
    const found = lookupEnvValue(name, fields);
    if (found !== undefined) return { name, required: required.has(name), value: stringifyValue(found.value), source: found.source };
    const fallback = c.env_vars.optional[name];
    if (fallback !== undefined && !required.has(name)) return { name, required: false, value: fallback, source: "default" };
    return { name, required: true, value: undefined, source: "missing" };
  });

  const args = c.job_arguments.map((arg): ArgRequirement => {
    const dest = argDest(arg.flag);
    const value = arg.source === undefined ? undefined : fields[arg.source];
    if (value !== undefined && value !== null) return { flag: arg.flag, dest, value: stringifyValue(value), source: `config:${arg.source}` };
    if (arg.value !== undefined) return { flag: arg.flag, dest, value: arg.value, source: "default" };
    return { flag: arg.flag, dest, value: undefined, source: "missing" };
  });

  return {
    node: node.name,
    stepType: node.stepType,
    scriptPath: node.scriptPath,
    inputs: paths("input", c.inputs),
    outputs: paths("output", c.outputs),
    env,
    args,
  };
}

/** Config field `name.toLowerCase()`, else a known alias, else the same inside `hyperparameters`. */
function lookupEnvValue(name: string, fields: ConfigFields): { value: ConfigValue; source: ValueSource } | undefined {
  const candidates = [name.toLowerCase(), ...(ENV_ALIASES[name] ?? [])];
  for (const field of candidates) {
    const value = fields[field];
    if (value !== undefined && value !== null) return { value, source: `config:${field}` };
  }
  const hyper = fields["hyperparameters"];
  if (hyper !== null && typeof hyper === "object" && !Array.isArray(hyper)) {
    for (const field of candidates) {
      const value = hyper[field];
      if (value !== undefined && value !== null) return { value, source: `config:hyperparameters.${field}` };
    }
  }
  return undefined;
}
