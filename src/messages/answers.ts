/** What users read when asking before running: DAG-only discovery, requirements without the script, the plan, bad input. */
import { quoted } from "./text.js";

// Answers before running: DAG-only discovery, requirements without the script file, the plan, bad input named
export const dagOnlyWarning = (): string =>
  "no config given: step types come from the node names, so phantoms cannot be ruled out and no entry point is checked; add --config with the pipeline config JSON to check each node";
export const unverifiedNoConfig = (): string => "no config: the entry point cannot be checked";
export const phantomByStepType = (stepType: string, sagemakerType: string): string =>
  `${stepType} runs as a SageMaker ${sagemakerType} step, which runs no pipeline script locally (by step type; no config given)`;
export const unknownStepTypeNoConfig = (node: string, stepType: string, suggestions: readonly string[]): string =>
  `no config given, and step type "${stepType}" (from node "${node}") is not in the step catalog${suggestions.length > 0 ? ` (did you mean ${quoted(suggestions)}?)` : ""}`;
export const unknownStepTypeNoConfigHint = (): string =>
  "Name the node <StepType> or <StepType>_<job_type> after a step type of the catalog, pass --interfaces with its *.step.yaml, or give --config.";
export const badEntryPoint = (node: string, key: string, field: string, value: unknown): string =>
  `node "${node}": configuration.specific.${key}.${field} is ${JSON.stringify(value)}, not a script file name`;
export const badEntryPointHint = (key: string, field: string): string =>
  `Set ${field} of "${key}" to the script's file name as a string (e.g. "tabular_preprocessing.py"), or remove it if the step runs no script.`;
export const scriptMissingWarning = (node: string, entryPoint: string, tried: readonly string[]): string =>
  `${node}: script ${entryPoint} is not on this machine, so it cannot run here; these values come from the config and the step interface. Paths tried:\n${tried.map((t) => `    ${t}`).join("\n")}`;
export const unverifiedRequirementsWarning = (node: string): string =>
  `${node}: no config given, so only the step interface's names and defaults are shown; add --config for the values this pipeline sets`;
export const runNeedsConfig = (): string => "run needs the pipeline config: without it no entry point, env value or job argument is known";
export const runNeedsConfigHint = (): string => "Pass --config with the cursus pipeline config JSON (`discover`, `requirements` and `plan` work without one).";
export const onlyPhantomsSelected = (nodes: readonly { name: string; reason: string }[]): string =>
  `the selection holds no script node: ${nodes.map((n) => `${n.name} is a phantom (${n.reason})`).join("; ")}`;
export const onlyPhantomsSelectedHint = (): string =>
  "A phantom has no script to run here; select script nodes instead (`cursus-lab discover` lists them).";
export const jsonTooDeep = (file: string, limit: number, line: string): string =>
  `${file} nests arrays or objects more than ${limit} levels deep (${line}); no DAG, config or settings file needs that`;
export const jsonTooDeepHint = (): string => "Check the file is the one you meant; a generated file with runaway nesting is the usual cause.";
export const badEnvName = (node: string, name: string, why: string): string =>
  `${node}: env var name ${JSON.stringify(name)} ${why}`;
export const badEnvNameFix = (): string => "Env var names are letters, digits and underscores (e.g. TRAIN_RATIO); fix the name in --env, cursus-lab.json or the overrides.";
export const timeoutTooLong = (value: string, maxSeconds: number): string =>
  `--timeout ${value} is longer than the ${maxSeconds} seconds (about 24.8 days) a timer can wait`;
export const timeoutTooLongHint = (): string => "Pass a shorter --timeout, or leave it out for no timeout.";
export const interpreterHangs = (seconds: number): string => `it did not answer within ${seconds} s`;
export const nodeNameControlChars = (): string => "node names must not hold control characters (NUL, tab, line breaks): they cannot reach a script's environment or a file name";
export const envNameEmpty = (): string => "is empty";
export const envNameNul = (): string => "holds a NUL character, which no process environment can carry";
export const envNameEquals = (): string => 'holds "=", which ends the name in a process environment';
export const envNameSpace = (): string => "holds a space, tab or line break";
export const unsafeNumber = (): string =>
  "is a number JavaScript cannot hold exactly (beyond 2^53, or infinite); give it as a string so it reaches the script as written";
export const configFieldsExpected = (): string => "expected an object of config fields";
export const configBlocksExpected = (): string => "expected an object of config blocks keyed by config key";
export const valueHoldsNul = (node: string, what: string, source: string): string => `${node}: the value of ${what} (${source}) holds a NUL character, which no process can receive`;
export const valueHoldsNulFix = (): string => "Remove the NUL character from the value where it is set (the config field, --env/--arg, or cursus-lab.json).";
export const switchOn = (): string => "on (passed alone)";
export const switchOff = (): string => "off (left out)";
export const switchGivenValue = (node: string, flag: string, given: string): string =>
  `${node}: ${flag} is a switch cursus passes without a value, so "${given}" cannot be its value`;
export const argumentGivenTwice = (node: string, flag: string, byFlag: string, dest: string, byDest: string): string =>
  `${node}: ${flag} is given twice, as ${flag}=${byFlag} and as ${dest}=${byDest}`;
export const argumentGivenTwiceFix = (node: string, flag: string, dest: string): string => `Give it once, as --arg ${node}.${flag}=VALUE; its dest, ${dest}, names the same argument.`;
export const switchGivenValueFix = (node: string, flag: string): string => `Give true to pass it (--arg ${node}.${flag}=true), or false to leave it out.`;
export const configTooDeep = (file: string, at: string, limit: number): string => `${file}: ${at} nests more than ${limit} levels deep`;
export const configTooDeepHint = (): string => "Flatten the value; no cursus config nests that deep.";
export const notPositive = (option: string, value: string): string => `--${option} must be a positive number, not "${value}"`;
export const notPositiveHint = (option: string): string => `Pass e.g. --${option} 2.`;
export const notAnAssignment = (option: string, text: string): string => `--${option} "${text}" is not NODE.NAME=VALUE`;
export const notAnAssignmentHint = (option: string): string => `Write it as --${option} NODE.NAME=VALUE.`;
