import { join, resolve } from "node:path";
import type { EnvRule } from "../catalog/env-rule-schema.js";
import type { StepContract } from "../catalog/step-interface-schema.js";
import type { ConfigFields, ConfigValue } from "../config/pipeline-config.js";
import { isSourceNumber } from "../config/source-number.js";
import { safeSegment } from "../io/safe-segment.js";
import { configScriptDir, entryPointOf } from "../discovery/find-script.js";
import type { ScriptNode } from "../discovery/node-discovery.js";
import { computeEnv, computeJobArgs, namesOf, type ComputedValue } from "./apply-env-rule.js";
import { stringifyValue } from "./stringify-value.js";
import { argDest } from "./arg-dest.js";
import { hyperparametersFile, type GeneratedFile } from "./hyperparameters-file.js";
import { configSourcedPath } from "./config-sourced-input.js";
import { movedBesideScript } from "./moved-config-path.js";

/**
 * Where a value came from: `config:label_name`, `config:hyperparameters.eta`,
 * `computed:json(currency_conversion_vars)`, `default`, `override`, `missing`.
 */
export type ValueSource = `config:${string}` | `computed:${string}` | "default" | "override" | "missing";

export interface PathRequirement {
  readonly logicalName: string;
  readonly required: boolean;
  readonly containerPath: string;
  readonly defaultLocalPath: string;
  /** Files cursus-lab writes for this input from the config, as the step's builder would upload them. */
  readonly generated?: GeneratedPath;
  /**
   * The folder the step mounts this input from, computed by its config class, whatever is wired to it.
   * `movedFrom`: the path the config names, not on this machine; `path` is then its copy found beside the script.
   */
  readonly configured?: { readonly path: string; readonly from: `config:${string}`; readonly movedFrom?: string };
}

export interface GeneratedPath {
  readonly dir: string;
  readonly generatedFrom: `config:${string}`;
  readonly files: readonly GeneratedFile[];
}

/** Where a node's generated input files go; the factory decides, since it owns the workspace layout. */
export type GeneratedDir = (node: string, input: string, files: readonly { readonly name: string; readonly text: string }[]) => string;

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
  /** Passed as the flag alone, without a value. */
  readonly alone?: true;
}

export interface ScriptRequirements {
  readonly node: string;
  readonly stepType: string;
  readonly scriptPath: string;
  readonly inputs: readonly PathRequirement[];
  readonly outputs: readonly PathRequirement[];
  readonly env: readonly EnvRequirement[];
  readonly args: readonly ArgRequirement[];
  /** Why these answers are partial: the script is not on this machine, or no config was given. */
  readonly warnings?: readonly RequirementsWarning[];
}

export type RequirementsWarning =
  | { readonly code: "SCRIPT_NOT_FOUND"; readonly message: string; readonly pathsTried: readonly string[] }
  | { readonly code: "NO_CONFIG"; readonly message: string };

/** What requirements are derived for: a node's name and step type, and where its script is (or would be). */
export type RequirementsNode = Pick<ScriptNode, "name" | "stepType" | "scriptPath">;

const EMPTY_CONTRACT: StepContract = { inputs: {}, outputs: {}, job_arguments: [], env_vars: { required: [], optional: {} }, input_source_overrides: {} };

/** The folder a logical input or output gets when the user does not choose one. */
export function defaultLocalPath(workspace: string, node: string, direction: "input" | "output", logical: string): string {
  // Names become one safe segment each: a node `../x` or an output `a/b` must not leave its folder.
  return join(resolve(workspace), safeSegment(node), direction, safeSegment(logical));
}

/**
 * What a script node needs, pre-filled from its effective config and contract, each value labelled with
 * its source. `rule` is the config class's env table; without one, the class is taken to compute nothing
 * (cursus's base resolver) and the interface's job arguments apply.
 */
export function deriveRequirements(
  node: RequirementsNode,
  fields: ConfigFields,
  contract: StepContract | undefined,
  workspace: string,
  rule?: EnvRule,
  generatedDir: GeneratedDir = (n, input) => join(resolve(workspace), safeSegment(n), "generated", safeSegment(input)),
  warnings: readonly RequirementsWarning[] = [],
  projectRoot = ".",
): ScriptRequirements {
  const c = contract ?? EMPTY_CONTRACT;
  const configured = (logicalName: string): Pick<PathRequirement, "configured"> => {
    const attribute = c.input_source_overrides[logicalName];
    const pathRule = attribute === undefined ? undefined : rule?.config_paths[attribute];
    const path = pathRule === undefined ? undefined : configSourcedPath(pathRule, fields, projectRoot);
    if (path === undefined) return {};
    const [configDir, entry] = [configScriptDir(fields, projectRoot), entryPointOf(fields)];
    const moved = configDir === undefined || entry === undefined ? undefined : movedBesideScript(path, configDir, node.scriptPath, entry.value);
    return { configured: moved === undefined ? { path, from: `config:${attribute}` } : { path: moved, from: `config:${attribute}`, movedFrom: path } };
  };
  const hyper = rule?.hyperparameters_file === undefined ? undefined : hyperparametersFile(rule.hyperparameters_file, fields);
  const paths = (direction: "input" | "output", declared: Record<string, { path: string; required?: boolean }>): PathRequirement[] =>
    Object.entries(declared).map(([logicalName, decl]) => ({
      logicalName,
      required: direction === "input" ? decl.required !== false : true,
      containerPath: decl.path,
      defaultLocalPath: defaultLocalPath(workspace, node.name, direction, logicalName),
      ...(direction === "input" && hyper?.input === logicalName
        ? { generated: { dir: generatedDir(node.name, logicalName, hyper.files), generatedFrom: hyper.generatedFrom, files: hyper.files } }
        : {}),
      ...(direction === "input" && logicalName in c.input_source_overrides ? configured(logicalName) : {}),
    }));

  const required = new Set(c.env_vars.required);
  const names = [...c.env_vars.required, ...Object.keys(c.env_vars.optional).filter((n) => !required.has(n))];
  const computed = rule === undefined ? new Map<string, ComputedValue>() : computeEnv(rule, fields);
  const tableNames = rule === undefined ? new Set<string>() : namesOf(rule);
  const produce = (name: string): { value: string; source: ValueSource } | undefined => {
    const own = computed.get(name);
    if (own !== undefined) return own.value === null ? undefined : { value: own.value, source: own.source as ValueSource };
    // A class with its own collector, or a name its table speaks for, never reaches the convention.
    if (rule?.collector === "own" || tableNames.has(name)) return undefined;
    const found = lookupEnvValue(name, fields);
    return found === undefined ? undefined : { value: stringifyValue(found.value), source: found.source };
  };
  const env = names.map((name): EnvRequirement => {
    const found = produce(name);
    if (found !== undefined) return { name, required: required.has(name), ...found };
    const fallback = c.env_vars.optional[name];
    if (fallback !== undefined && !required.has(name)) return { name, required: false, value: fallback, source: "default" };
    return { name, required: true, value: undefined, source: "missing" };
  });
  // An own collector sets every variable it computes, declared or not: the script sees them in production.
  if (rule?.collector === "own") {
    for (const [name, value] of computed) {
      if (!names.includes(name) && value.value !== null) env.push({ name, required: false, value: value.value, source: value.source as ValueSource });
    }
  }
  applyExplicitEnv(env, fields);

  const args =
    rule === undefined
      ? c.job_arguments.map((arg): ArgRequirement => {
          const dest = argDest(arg.flag);
          const value = arg.source === undefined ? undefined : fields[arg.source];
          if (value !== undefined && value !== null) return { flag: arg.flag, dest, value: stringifyValue(value), source: `config:${arg.source}` };
          if (arg.value !== undefined) return { flag: arg.flag, dest, value: arg.value, source: "default" };
          return { flag: arg.flag, dest, value: undefined, source: "missing" };
        })
      : computeJobArgs(rule, fields).map((a): ArgRequirement => ({ flag: a.flag, dest: argDest(a.flag), value: a.value, source: a.source as ValueSource, ...(a.alone === undefined ? {} : { alone: a.alone }) }));

  return {
    node: node.name,
    stepType: node.stepType,
    scriptPath: node.scriptPath,
    inputs: paths("input", c.inputs),
    outputs: paths("output", c.outputs),
    env,
    args,
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

/**
 * cursus's convention: field `name.toLowerCase()` when the config has it (a null there means unset, and
 * the hyperparameters are not consulted), else the same field of `hyperparameters`.
 */
function lookupEnvValue(name: string, fields: ConfigFields): { value: ConfigValue; source: ValueSource } | undefined {
  const field = name.toLowerCase();
  if (Object.hasOwn(fields, field)) {
    const value = fields[field];
    return value === undefined || value === null ? undefined : { value, source: `config:${field}` };
  }
  const hyper = fields["hyperparameters"];
  if (hyper !== null && typeof hyper === "object" && !Array.isArray(hyper) && Object.hasOwn(hyper, field)) {
    const value = (hyper as Record<string, ConfigValue>)[field];
    if (value !== undefined && value !== null) return { value, source: `config:hyperparameters.${field}` };
  }
  return undefined;
}

/** The config's `env` dict, which the step builders apply after everything else. */
function applyExplicitEnv(env: EnvRequirement[], fields: ConfigFields): void {
  const explicit = fields["env"];
  if (explicit === null || typeof explicit !== "object" || Array.isArray(explicit)) return;
  for (const [name, raw] of Object.entries(explicit as Record<string, ConfigValue>)) {
    if (raw === null || Array.isArray(raw) || (typeof raw === "object" && !isSourceNumber(raw))) continue;
    const entry: EnvRequirement = { name, required: false, value: stringifyValue(raw), source: `config:env.${name}` };
    const at = env.findIndex((e) => e.name === name);
    if (at === -1) env.push(entry);
    else env[at] = { ...entry, required: env[at]!.required };
  }
}
