/** What users read about wiring, env tables, generated inputs and step interface folders. */

// Wiring: ties, explicit wires, edges that feed nothing
export interface CandidateWording {
  readonly source: string;
  readonly kind: string;
  readonly confidence: number;
  readonly compatibleSource: boolean;
}
export const wireCandidate = (c: CandidateWording): string =>
  `${c.source} (${c.kind} match, confidence ${c.confidence}${c.compatibleSource ? ", compatible source" : ""})`;
export const wireTie = (node: string, input: string, candidates: readonly CandidateWording[]): string =>
  `${node}: input ${input} has ${candidates.length} equally good sources: ${candidates.map(wireCandidate).join(" and ")}; cursus-lab will not pick one by edge order`;
export const wireTieFix = (node: string, input: string, sources: readonly string[]): string =>
  `Choose its source with an explicit wire: --wire ${node}.${input}=${sources[0] ?? "UPSTREAM.OUTPUT"}` +
  `${sources.length > 1 ? ` (or ${sources.slice(1).map((s) => `=${s}`).join(", ")})` : ""}, "wires": {"${node}.${input}": "${sources[0] ?? "UPSTREAM.OUTPUT"}"} in cursus-lab.json, or wires in the API.`;
export const wireTieShort = (sources: readonly string[]): string => `TIE: ${sources.join(" or ")}; choose one with --wire`;
export const wireAlternative = (c: CandidateWording): string => `also considered: ${wireCandidate(c)}`;
export const unusedEdge = (from: string, to: string): string =>
  `the DAG edge ${from} -> ${to} feeds no input of ${to}: no output of ${from} matches its inputs (wire one with --wire ${to}.INPUT=${from}.OUTPUT if it should)`;
export const warningLine = (message: string): string => `warning: ${message}`;
export const wireMalformed = (text: string): string => `wire "${text}" is not NODE.INPUT=UPSTREAM.OUTPUT`;
export const wireMalformedFix = (): string =>
  "Write it as NODE.INPUT=UPSTREAM.OUTPUT, e.g. RiskTableMapping_calibration.model_artifacts_input=RiskTableMapping_training.model_artifacts_output.";
export const wireUnknownEnd = (text: string, end: string, side: "input" | "output", near: string | undefined): string =>
  `wire "${text}": "${end}" is not an ${side} of a script node${near === undefined ? "" : ` (did you mean "${near}"?)`}`;
export const wireUnknownEndFix = (): string =>
  "Name a script node exactly as the DAG spells it, then one of its logical names; `cursus-lab requirements NODE` lists them.";
export const wireNotUpstream = (text: string, from: string, node: string): string =>
  `wire "${text}": ${from} is not upstream of ${node} in the DAG, so its output would not exist when ${node} runs`;
export const wireNotUpstreamFix = (): string => "Wire from a node the DAG runs before this one (a parent or any earlier ancestor).";
export const wireConflict = (first: string, second: string): string => `wires "${first}" and "${second}" give one input two sources`;
export const wireConflictFix = (): string => "Keep one wire per input.";
export const wiresInvalid = (count: number): string => `the wires have ${count} problem${count === 1 ? "" : "s"}`;
export const wiresInvalidHint = (): string => "Fix each wire listed (from --wire, \"wires\" in cursus-lab.json, or the wires option); nothing was run.";

// Env rules (per config class env values and job arguments)
export const envRuleShape =
  "a table with config_class, collector (declared or own), env entries ({env, from|concat|each|value|omit, as, when, or, default}) and job_arguments ({flag, from} or {passthrough})";
export const envRuleOneKind = (kinds: readonly string[]): string => `give exactly one of ${kinds.join(", ")}`;
export const argRuleFlagOrPassthrough = (): string => "give either flag or passthrough";
export const duplicateEnvRule = (configClass: string, first: string, second: string): string =>
  `config class ${configClass} has two env tables in one folder: ${first} and ${second}`;
export const duplicateEnvRuleHint = (): string =>
  "Keep one table per config class in a folder; to replace a built-in table, put yours in a folder passed with --interfaces.";

// Generated inputs (hyperparameters files) and script nodes without an interface
export const hyperparametersFileOneContent = (): string => "give exactly one of block (a dict field written whole) or fields (chosen fields)";
export const generatedInput = (from: string): string => `written from ${from} before the run`;
export const movedShort = (movedFrom: string): string => `, moved here from ${movedFrom}`;
export const configuredInput = (from: string, movedFrom?: string): string =>
  `mounted from the config (${from}), as its step does${movedFrom === undefined ? "" : `; the config names ${movedFrom}, not on this machine, and this is its copy beside the script`}`;
export const noInterfaceInRun = (node: string, stepType: string): string =>
  `${node}: no step interface for ${stepType}, so its inputs, outputs, env vars and job arguments are unknown; running it would call main() with nothing and report a success that tested nothing`;
export const noInterfaceInRunFix = (stepType: string): string =>
  `Pass --interfaces DIR with a folder holding the ${stepType} *.step.yaml (cursus ships one per step type), or "interfaces" in cursus-lab.json; \`cursus-lab discover\` lists the nodes without one.`;

// Step interface folders
export const interfacesInvalid = (dir: string, count: number): string => `${count} step interface files in ${dir} cannot be read`;
export const interfacesInvalidHint = (): string => "Fix or remove each file listed; the other interfaces of the folder are fine.";
