/** What users read about the files they give: the DAG, the config, step interfaces, discovery and configuration. */
import { list, quoted } from "./text.js";

// Files
export const fileUnreadable = (what: string, file: string, code: string): string =>
  code === "ENOENT"
    ? `${what} not found: ${file}`
    : code === "EISDIR"
      ? `${what} is a folder, not a file: ${file}`
      : `${what} cannot be read (${code}): ${file}`;
export const fileUnreadableHint = (what: string): string => `Check the path of the ${what}; relative paths are taken from the current folder.`;
export const invalidJson = (file: string, where: string, detail: string): string =>
  `${file} is not valid JSON${where}: ${detail}`;
export const invalidJsonHint = (): string => "Fix the JSON syntax (a trailing comma or a missing quote is the usual cause).";
export const wrongShape = (what: string, file: string, issues: readonly string[]): string =>
  `${file} is not a ${what} file:\n${issues.map((line) => `  - ${line}`).join("\n")}`;
export const wrongShapeHint = (expected: string): string => `Expected ${expected}.`;

// DAG
export const dagShape = '{"dag": {"nodes": [names], "edges": [[from, to], ...]}} or {"nodes": [...], "edges": [...]}';
export const duplicateNode = (file: string, node: string, index: number): string =>
  `${file}: node "${node}" is declared twice (second time at dag.nodes[${index}])`;
export const duplicateNodeHint = (): string => "Remove the repeated name; every DAG node must be unique.";
export const edgeToUnknownNode = (file: string, index: number, from: string, to: string, unknown: string): string =>
  `${file}: edge dag.edges[${index}] ["${from}", "${to}"] names "${unknown}", which is not a node of the DAG`;
export const edgeToUnknownNodeHint = (unknown: string, nodes: readonly string[]): string =>
  `Add "${unknown}" to dag.nodes or fix the edge. Nodes: ${list(nodes, 12)}.`;
export const dagCycle = (file: string, cycle: readonly string[]): string =>
  `${file}: the DAG has a cycle: ${cycle.join(" -> ")}`;
export const dagCycleHint = (): string => "Remove one of the edges of the cycle; a pipeline must run in one direction.";
export const unknownNode = (node: string, known: readonly string[]): string =>
  `"${node}" is not a node of the DAG${known.length > 0 ? ` (did you mean ${list(known.map((k) => `"${k}"`), 3)}?)` : ""}`;
export const unknownNodeHint = (): string => "Use a node name exactly as the DAG file spells it (`cursus-lab discover` lists them).";

// Config
export const configShape =
  '{"configuration": {"shared": {...}, "specific": {"<ConfigKey>": {"__model_type__": "<Class>", ...}}}, "metadata": {"config_types": {...}}}';
export const unknownTypeInfo = (file: string, at: string, kind: string): string =>
  `${file}: ${at} has "__type_info__": "${kind}", which cursus does not write`;
export const unknownTypeInfoHint = (): string =>
  'Known wrappers are "list", "dict", "set", "tuple", "datetime", "path" and "enum"; re-export the config with cursus.';
export const badTypeInfoValue = (file: string, at: string, kind: string, value: unknown): string =>
  `${file}: ${at} has "__type_info__": "${kind}" but its "value" is ${value === undefined ? "missing" : JSON.stringify(value)}, not ${kind === "dict" ? "an object" : "a list"}`;
export const badTypeInfoValueHint = (): string => "Fix the value by hand, or re-export the config with cursus.";
export const badModelType = (file: string, at: string, value: unknown): string =>
  `${file}: ${at}.__model_type__ is ${JSON.stringify(value)}, not a config class name`;
export const badModelTypeHint = (): string => 'Set "__model_type__" to the config class name, e.g. "TabularPreprocessingConfig".';
export const modelTypeMismatch = (file: string, key: string, inBlock: string, inMetadata: string): string =>
  `${file}: configuration.specific.${key} says "__model_type__": "${inBlock}" but metadata.config_types.${key} says "${inMetadata}"`;
export const modelTypeMismatchHint = (): string =>
  "The two must agree: fix whichever is stale, or re-export the config with cursus.";

// Step interfaces
export const interfaceShape = "a cursus step interface with step_type, registry.sagemaker_step_type and a contract";
export const invalidYaml = (file: string, where: string, detail: string): string => `${file} is not valid YAML${where}: ${detail}`;
export const invalidYamlHint = (): string => "Fix the YAML syntax (indentation is the usual cause).";
export const interfacesDirUnreadable = (dir: string, code: string): string =>
  code === "ENOENT" ? `interfaces folder not found: ${dir}` : `interfaces folder cannot be read (${code}): ${dir}`;
export const interfacesDirHint = (): string => "Pass a folder that holds *.step.yaml files to --interfaces.";
export const interfaceOverride = (stepType: string, file: string, replaced: string): string =>
  `step type ${stepType}: ${file} overrides ${replaced}`;

// Discovery
export const noConfig = (node: string, suggestions: readonly string[]): string =>
  `no config block matches node "${node}"${suggestions.length > 0 ? ` (did you mean ${quoted(suggestions)}?)` : ""}`;
export const noConfigHint = (node: string): string =>
  `Add a configuration.specific block keyed "${node}", or rename the DAG node to the key of the block it should use.`;
export const ambiguousConfig = (node: string, keys: readonly string[]): string =>
  `node "${node}" could use any of ${quoted(keys)}; cursus-lab will not pick one for you`;
export const ambiguousConfigHint = (node: string): string =>
  `Rename the DAG node "${node}" to the exact config key it should use.`;
export const phantomBaseConfig = (key: string, cls: string | undefined): string =>
  `"${key}" is a base config block${cls === undefined ? "" : ` (${cls})`} holding shared fields, not a step`;
export const phantomNoLocalScript = (
  stepType: string,
  sagemakerType: string,
  declared: { field: string; value: string },
): string =>
  `${stepType} runs as a SageMaker ${sagemakerType} step, which runs no pipeline script locally; its ${declared.field} "${declared.value}" ` +
  (declared.field === "inference_entry_point" ? "is a model-serving handler, not a pipeline script" : "is run by that service, not here");
export const phantomNoEntryPoint = (stepType: string, sagemakerType: string | undefined): string =>
  `the config sets no processing_entry_point, training_entry_point or entry_point` +
  (sagemakerType !== undefined && sagemakerType !== "Processing" && sagemakerType !== "Training"
    ? `: ${stepType} runs as a managed SageMaker ${sagemakerType} job`
    : "");
export const scriptNotFound = (entryPoint: string, field: string, tried: readonly string[]): string =>
  `script declared (${field}: "${entryPoint}"), file not found; tried:\n${tried.map((p) => `    ${p}`).join("\n")}`;
export const scriptNotFoundHint = (entryPoint: string): string =>
  `Pass --scripts-dir with the folder that holds ${entryPoint}, or --project-root for relative source dirs.`;
export const noInterfaceWarning = (stepType: string): string =>
  `no step interface for ${stepType}: inputs, outputs and env vars are unknown; pass --interfaces with its *.step.yaml`;
export const scriptFoundInProjectCopy = (script: string, configFolder: string, found: string): string =>
  `${script} is not in ${configFolder}, the folder its config names, which is not on this machine; found at ${found}, in this machine's copy of the config's project (told by the scripts found through the scripts folders)`;
export const looseConfigMatch = (node: string, key: string, match: string): string =>
  `node "${node}" uses config block "${key}" (${match === "case-insensitive" ? "same key, other case" : "the only block of its step type"})`;

// Configuration
export const unknownName = (node: string, kind: string, name: string, known: readonly string[]): string =>
  `${node}: ${kind} has no "${name}"${known.length === 0 ? ` (the step declares no ${kind})` : ""}`;
export const unknownNameFix = (kind: string, known: readonly string[], near: string | undefined): string =>
  known.length === 0
    ? `Remove it, or declare it in the step interface's contract.`
    : `${near === undefined ? "" : `Did you mean "${near}"? `}Known ${kind}: ${list(known, 10)}.`;
export const inputPathMissing = (node: string, input: string, path: string): string =>
  `${node}: input ${input} points at ${path}, which does not exist`;
export const configuredInputMissing = (node: string, input: string, from: string, path: string): string =>
  `${node}: its step mounts input ${input} from the config (${from}): ${path}, which does not exist on this machine`;
export const configuredInputMissingFix = (node: string, input: string): string =>
  `Give the folder: --input ${node}.${input}=PATH, or set the config's source folder to where it is here (--project-root for a relative one).`;
export const inputPathMissingFix = (): string => "Point it at an existing file or folder (relative paths are taken from the current folder).";
export const requiredInputUnfed = (node: string, input: string): string =>
  `${node}: required input ${input} has no data: no user path, and no upstream script node produces it`;
export const requiredInputUnfedFix = (node: string, input: string): string =>
  `Give it a path: --input ${node}.${input}=PATH, or configureScriptTesting("${node}", {inputs: {${input}: PATH}}).`;
export const requiredEnvMissing = (node: string, name: string): string =>
  `${node}: required env var ${name} has no value in the config and no default`;
export const requiredEnvMissingFix = (node: string, name: string): string =>
  `Set it: --env ${node}.${name}=VALUE, or configureScriptTesting("${node}", {env: {${name}: VALUE}}).`;
export const configureFailed = (node: string, count: number): string =>
  `${node} cannot be configured: ${count} problem${count === 1 ? "" : "s"}`;
export const configureFailedHint = (): string => "Fix each problem listed; nothing was changed.";
export const notAScriptNode = (node: string, status: string, reason: string): string =>
  `"${node}" is not a script node (${status}: ${reason})`;
export const notAScriptNodeHint = (): string => "Only script nodes have requirements; `cursus-lab discover` lists them.";
export const configurationsInvalid = (count: number): string => `the configurations have ${count} problem${count === 1 ? "" : "s"}`;
export const settingsInvalid = (file: string, count: number): string => `${file} has ${count} problem${count === 1 ? "" : "s"}`;
export const settingsInvalidHint = (): string => "Fix each problem listed in the settings file, or ignore the file with --no-settings (`settings: false` in the API).";
export const overridesShapeFix = (): string =>
  "Pass {inputs?: {LOGICAL: path}, outputs?: {LOGICAL: path}, env?: {NAME: value}, args?: {FLAG: value}}.";
export const badDottedKey = (kind: string, key: string): string => `${kind} key "${key}" is not NODE.NAME`;
export const badDottedKeyFix = (kind: string): string =>
  `Write it as NODE.NAME=VALUE, e.g. ${kind === "inputs" ? "TabularPreprocessing_training.DATA=data/train" : kind === "args" ? "XGBoostTraining.--job_type=training" : "TabularPreprocessing_training.LABEL_FIELD=label"}.`;
