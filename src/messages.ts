/** Every sentence a user reads, in one place so wording stays consistent across CLI, notebook and report. */

const list = (items: readonly string[], max = 6): string =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;

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
const quoted = (items: readonly string[]): string => items.map((i) => `"${i}"`).join(", ");
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

// Running
export const badInterpreter = (python: string, why: string): string => `the Python interpreter "${python}" cannot be used (${why})`;
export const badInterpreterHint = (): string =>
  "Pass --python with a Python 3 that can import your scripts' packages (on Debian: /usr/bin/python3), or set CURSUS_LAB_PYTHON.";
export const runBlocked = (count: number): string => `nothing was run: ${count} problem${count === 1 ? "" : "s"} must be fixed first`;
export const runBlockedHint = (): string => "Fix each problem listed; no script was started, and earlier results are untouched.";
export const discoveryErrorInRun = (node: string, reason: string): string => `${node}: ${reason}`;
export const upstreamNotInRun = (node: string, input: string, from: string, path: string): string =>
  `${node}: input ${input} comes from ${from}, which is not part of this run and has no output at ${path}`;
export const upstreamNotInRunFix = (fromNode: string): string =>
  `Run ${fromNode} first, or widen the selection (--from/--to/--only) to include it.`;
export const nothingSelected = (): string => "the selection holds no script node";
export const nothingSelectedHint = (): string => "Check --only/--from/--to: `cursus-lab discover` lists the script nodes.";
export const workspaceUnusable = (workspace: string, at: string | undefined, why: string): string =>
  `the workspace "${workspace}" cannot be used: ${at === undefined ? "" : `${at}: `}${why}`;
export const workspaceUnusableHint = (): string =>
  "Pass --workspace with a folder you can write to (it is created if missing); default: .cursus-lab in the current folder.";

// Engine
export const runCounts = (c: { succeeded: number; cached: number; failed: number; skipped: number; interrupted?: number | undefined }): string =>
  `${c.succeeded} succeeded (${c.cached} cached), ${c.failed} failed, ${c.skipped} skipped${c.interrupted ? `, ${c.interrupted} interrupted` : ""}`;
export const stoppingRun = (): string => "stopping: running scripts are being ended; press Ctrl-C again to kill them at once";
export const killingNow = (): string => "killing the running scripts now; run.json is still written";
export const logTruncated = (dropped: number, limit: number): string =>
  `[cursus-lab: ${dropped} more bytes were written; this log keeps the first ${limit} bytes (--log-limit)]`;
export const stoppedByTimeout = (seconds: number): string => `stopped after ${Number(seconds.toPrecision(3))} s (--timeout), with its child processes`;
export const inputsChangedByScript = (inputs: readonly string[]): string =>
  `the script changed its input ${inputs.join(", ")} while it ran; its result is not kept, and an upstream result it wrote into will be run again`;
export const stoppedByInterrupt = (): string => "stopped: the run was interrupted";
export const notStartedByInterrupt = (): string => "not started: the run was interrupted";
export const cannotStartInterpreter = (python: string, code: string): string => `cannot start the interpreter ${python} (${code})`;
export const processExited = (code: number | null, signal: string | null): string =>
  signal === null ? `the process exited with code ${code ?? "?"}` : `the process was killed by ${signal}`;
export const outputsEmpty = (outputs: readonly string[]): string => `declared output ${outputs.join(", ")} is empty: the script wrote nothing there`;
export const entryMainChosen = (): string => "main(): the script's main() called with local paths (--entry main)";
export const entryScriptChosen = (auto: boolean): string =>
  `production entry: python script.py <job args> in a private mount namespace (bubblewrap), container paths mapped to the node's folders${auto ? " (--entry auto)" : ""}`;
export const entryAutoFellBack = (why: string): string => `main(): the production entry is not available here (${why})`;
export const entryPathsOutsideOpt = (paths: readonly string[]): string => `container paths outside /opt cannot be mapped: ${paths.join(", ")}`;
export const entryUnavailable = (node: string, why: string): string => `${node}: --entry script cannot be used: ${why}`;
export const entryUnavailableFix = (): string =>
  "Install bubblewrap (apt-get install bubblewrap; npm run setup does it), or run with --entry main or --entry auto.";
export const mainEntryFailureHint = (chosen: boolean): string =>
  chosen
    ? "This script ran through main() with the interface's names; run it as SageMaker does with --entry script, where its own __main__ picks its paths."
    : "This script ran through main() because the production entry is not available here; install bubblewrap (npm run setup does) to run it as SageMaker does.";
export const planAncestorRuns = (ancestor: string): string => `runs after ${ancestor}, whose result is not known before it runs`;
export const planAncestorBlocked = (ancestor: string): string => `cannot run: ancestor ${ancestor} is blocked`;
export const pathOutsideWorkspace = (path: string, workspace: string): string => `${path} is outside the workspace ${workspace}`;
export const pathInWorkspaceHint = (): string => "This is a cursus-lab bug: it only writes inside its workspace. Please report it with the command you ran.";
export const linkInWorkspace = (path: string, workspace: string): string =>
  `${path} is a link inside the workspace ${workspace}; cursus-lab does not follow links in the folders it manages, since it deletes and replaces what is there`;
export const linkInWorkspaceHint = (): string => "Remove the link (the files it points at are not touched), or use another --workspace.";
export const outputsNotFolders = (outputs: readonly string[]): string =>
  `declared output ${outputs.join(", ")} is no longer a folder: the script removed it or replaced it with a link`;
export const changedScript = (): string => "script changed";
export const changedModules = (): string => "a module beside the script changed";
export const changedHarness = (): string => "cursus-lab's harness changed";
export const changedInterpreter = (before: string, now: string): string => `interpreter changed (${before} -> ${now})`;
export const changedEntry = (before: string, now: string): string => `entry mode changed (${before} -> ${now})`;
export const changedEnv = (name: string, how: "added" | "removed" | "changed"): string => `env ${name} ${how}`;
export const changedArgs = (before: readonly string[], now: readonly string[]): string =>
  `job arguments changed (${before.join(" ") || "none"} -> ${now.join(" ") || "none"})`;
export const changedInput = (name: string): string => `input ${name} changed`;
export const changedOutputs = (): string => "declared outputs changed";
export const storedOutputGone = (output: string): string => `output ${output} is gone`;
export const storedOutputChanged = (output: string): string => `output ${output} was changed after its run`;
export const bubblewrapMissing = (): string => "bubblewrap (bwrap) is not installed";
export const bubblewrapRefused = (why: string): string => `bubblewrap cannot make a mount namespace here: ${why}`;
export const scriptRaised = (type: string, message: string): string => `${type}: ${message}`;
export const storedResultGone = (runId: string): string => `the stored result of run ${runId} is gone`;
export const noEarlierRun = (): string => "no earlier successful run";
export const forcedRun = (): string => "--force: run regardless of the cache";
export const unchangedSince = (runId: string): string => `unchanged since run ${runId}`;
export const reusedFrom = (runId: string): string => `same inputs and values as run ${runId}: its result is reused`;
export const ancestorFailed = (ancestor: string): string => `not run: ancestor ${ancestor} failed`;
export const userOutputForeign = (node: string, output: string, dir: string, files: readonly string[]): string =>
  `${node}: output ${output} would be copied to ${dir}, which holds files cursus-lab did not put there (${files.slice(0, 3).join(", ")}${files.length > 3 ? ", ..." : ""})`;
export const userOutputForeignFix = (): string =>
  "Name an empty or missing folder for --output; cursus-lab copies results there after the node succeeds and never deletes files it did not write.";
export const userOutputEnclosesWorkspace = (node: string, output: string, dir: string, workspace: string): string =>
  `${node}: output ${output} is set to ${dir}, which is or holds the workspace ${workspace}`;
export const userOutputEnclosesWorkspaceFix = (): string => "Name a folder outside the workspace, or leave the output at its default (the workspace shows it already).";
export const userOutputNotFolder = (node: string, output: string, dir: string): string => `${node}: output ${output} is set to ${dir}, which is a file, not a folder`;
export const userOutputShared = (dir: string, first: string, second: string): string => `${first} and ${second} are both set to the folder ${dir}; each would replace the other's files`;
export const userOutputSharedFix = (): string => "Give each output a folder of its own.";
export const inputHoldsWorkspace = (node: string, input: string, dir: string, workspace: string): string =>
  `${node}: input ${input} is ${dir}, which holds the workspace ${workspace}: the input would change with every run`;
export const inputHoldsWorkspaceFix = (): string => "Pass a --workspace outside the input folder, or give the input a folder that does not hold it.";
export const settingsOutputOutside = (file: string, key: string, dir: string): string =>
  `${file}: outputs "${key}" points at ${dir}, outside the folder of the settings file`;
export const settingsOutputOutsideFix = (): string =>
  "A settings file may only name output folders inside its own project. If you trust it, pass --allow-settings-outputs (allowSettingsOutputs: true in the API).";
export const deliveredManifestNote = (): string => "Files cursus-lab copied here; it replaces only these on the next run.";

// Notebook
export const formOfReplacedFactory = (): string =>
  "Not applied: this form belongs to a factory that a later factory(...) call on the same DAG, config and workspace replaced. Run the cell that shows the form again, on the current factory.";

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
export const noInterfaceInRun = (node: string, stepType: string): string =>
  `${node}: no step interface for ${stepType}, so its inputs, outputs, env vars and job arguments are unknown; running it would call main() with nothing and report a success that tested nothing`;
export const noInterfaceInRunFix = (stepType: string): string =>
  `Pass --interfaces DIR with a folder holding the ${stepType} *.step.yaml (cursus ships one per step type), or "interfaces" in cursus-lab.json; \`cursus-lab discover\` lists the nodes without one.`;

// Step interface folders
export const interfacesInvalid = (dir: string, count: number): string => `${count} step interface files in ${dir} cannot be read`;
export const interfacesInvalidHint = (): string => "Fix or remove each file listed; the other interfaces of the folder are fine.";

// The one-file HTML report (cursus-lab report, writeReport)
export const reportNoRun = (workspace: string): string => `no run recorded in workspace ${workspace} (no ${workspace}/runs/latest)`;
export const reportNoRunHint = (): string =>
  "Run the pipeline first (cursus-lab run --dag ... --config ... --workspace W), or pass a run folder or its run.json: cursus-lab report W/runs/RUN_ID.";
export const reportRunMissing = (target: string): string => `no run folder or run.json at ${target}`;
export const reportRunDirEmpty = (dir: string): string => `${dir} is a folder without a run.json, so it is not a run folder`;
export const reportRunMissingHint = (): string =>
  "Pass a run folder (WORKSPACE/runs/RUN_ID), its run.json, or --workspace W for the latest run; `ls WORKSPACE/runs` lists the runs.";
export const reportWritten = (file: string, bytes: string, ms: number): string => `report written: ${file} (${bytes}, ${ms} ms)`;
export const reportTitle = (dag: string): string => `cursus-lab run of ${dag.split("/").at(-1)?.replace(/\.dag\.json$|\.json$/, "") ?? dag}`;
export const reportTocHeading = (): string => "Contents";
export const reportDagHeading = (): string => "Pipeline";
export const reportDagLegend = (): string =>
  "Green: succeeded (dashed: reused from an earlier run); red: failed; red dotted: skipped after a failure; grey dashed: phantom, not run here. Click a node for its section.";
export const reportNotSelected = (node: string): string => `${node} was not part of this run`;
export const reportPhantomsHeading = (): string => "Phantoms and errors";
export const reportNoPhantoms = (): string => "Every DAG node is a script node.";
export const reportChartsHeading = (): string => "Charts";
export const reportRowsDrop = (output: string, rows: number, inputRows: number): string => `${output}: ${rows} rows from ${inputRows} input rows`;
export const reportChangesHeading = (): string => "What changed";
export const reportNoEarlierRun = (): string => "No earlier run in this workspace to compare with (pass --compare OTHER_RUN to choose one).";
export const reportComparedWith = (runId: string, explicit: boolean): string =>
  `Compared with run ${runId}${explicit ? " (--compare)" : ", the workspace's run before this one"}.`;
export const reportNothingChanged = (): string => "Nothing changed: every node was reused.";
export const reportNoValueChanged = (): string => "no value changed (run again: forced, or its earlier result was not reusable)";
export const reportChangeAdded = (): string => "not in the earlier run";
export const reportChangeFingerprint = (): string => "the script, a module beside it, or the interpreter changed (its fingerprint differs)";
export const reportChangeUpstream = (node: string): string => `upstream ${node} produced a different result`;
export const reportChangeValue = (kind: string, name: string | undefined, before: string | undefined, after: string | undefined): string =>
  `${kind}${name === undefined ? "" : ` ${name}`}: ${before === undefined ? "(none)" : JSON.stringify(before)} → ${after === undefined ? "(none)" : JSON.stringify(after)}`;
export const reportNodesHeading = (): string => "Script nodes";
export const reportNotRun = (): string => "not run";
export const reportReusedDuration = (original: string, runId: string, lookup: string): string =>
  `${original} in run ${runId}, reused here (lookup ${lookup})`;
export const reportCacheHit = (): string => "reused";
export const reportCacheMiss = (): string => "ran";
export const reportEnvCaption = (): string => "Environment variables";
export const reportArgsCaption = (): string => "Job arguments";
export const reportInputsCaption = (): string => "Inputs";
export const reportOutputsCaption = (): string => "Outputs";
export const reportGeneratedFrom = (from: string): string => `written from ${from}`;
export const reportWireKind = (kind: string, confidence: number): string => `wired by ${kind} match, confidence ${confidence}`;
export const reportPreviewCaption = (file: string, rows: number, hiddenColumns: number): string =>
  `${file}: first ${rows} rows${hiddenColumns > 0 ? ` (${hiddenColumns} more columns not shown)` : ""}`;
/** `link` is markup the report built from escaped parts. */
export const reportSkippedBecause = (link: string): string => `Not run: its ancestor ${link} failed, so its inputs do not exist.`;
export const reportFailureHeading = (): string => "Failure";
export const reportWhatToTry = (hint: string): string => `What to try: ${hint}`;
export const reportLogSummary = (lines: number): string => (lines === 0 ? "Logs" : `Logs (last ${lines} lines of stdout)`);

// Notebook forms: the routes Apply takes to the kernel, and the checks made before it
export const formEditNotJson = (): string => "The request body is not JSON.";
export const formEditShape = (): string => 'Send {"node": "<DAG node>", "overrides": {...}}.';
export const formEditTooLarge = (): string => "The request body is too large.";
export const formEditNulInValue = (field: string): string => `${field} holds a NUL character, which no path or environment value can contain`;
export const formEditNulInValueFix = (): string => "Remove the NUL character (often pasted along with the value) and apply again.";
export const formApplied = (node: string): string => `Applied to ${node}; the next cell sees the change.`;
export const formNothingChanged = (): string => "Nothing changed.";
export const formRefusedHost = (): string =>
  "Refused: the request came neither from this machine (loopback) nor through the Jupyter server's proxy of this page.";
export const formRefusedToken = (): string => "Refused: missing or wrong session token. Use the form of this kernel session.";
export const formOnlyConfigure = (): string => "Only POST /configure is served.";
export const valueNotNumber = (field: string, value: string): string => `${field} must be a number (the config holds one), not "${value}"`;
export const valueNotNumberFix = (): string => "Type digits such as 4, 0.7 or 1e-05.";
export const valueNotBoolean = (field: string, value: string): string => `${field} must be true or false (the config holds a boolean), not "${value}"`;
export const valueNotBooleanFix = (): string => "Type true or false.";
export const valueEmpty = (field: string): string => `${field} is required and cannot be empty`;
export const valueEmptyFix = (): string => "Give it a value, or reload the form to get the current one back.";
export const formChecksFailed = (node: string, count: number): string =>
  `${node}: ${count} value${count === 1 ? "" : "s"} to fix before Apply; nothing was sent`;
export const formUnknownSession = (): string =>
  "The kernel is running but no longer knows this form: it was restarted, or the cell that made the factory ran again. Run the cell that shows the form again.";
export const formKernelSilent = (seconds: number): string =>
  `The kernel has not answered in ${seconds} s: it is busy running a cell (the change is applied once that cell ends), or it is not connected.`;
export const formRouteDirect = (url: string, why: string): string => `direct channel ${url}: ${why}`;
export const formRouteKernel = (why: string): string => `the notebook's kernel connection: ${why}`;
export const formRouteProxy = (url: string, why: string): string => `Jupyter's server proxy ${url}: ${why}`;
export const formRouteNoKernelConnection = (): string => "this page exposes no kernel connection to outputs (only Classic Notebook and nbclassic do)";
export const formRouteNoBaseUrl = (): string => "this page is not served by Jupyter (no base URL)";
export const formRouteUnreachable = (): string => "not reachable from this browser";
export const formRouteAnswered = (status: number): string => `answered HTTP ${status}, not the channel`;
export const formNoRoute = (tried: readonly string[]): string =>
  `Apply reached no route to the kernel (nothing was changed). Tried: ${tried.join("; ")}. Run this code in the next cell instead:`;
export const notebookRunInterrupted = (): string =>
  "Interrupted: the running scripts were stopped with their child processes and run.json records the run; the progress above shows where each node stopped.";

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
export const configTooDeep = (file: string, at: string, limit: number): string => `${file}: ${at} nests more than ${limit} levels deep`;
export const configTooDeepHint = (): string => "Flatten the value; no cursus config nests that deep.";
export const notPositive = (option: string, value: string): string => `--${option} must be a positive number, not "${value}"`;
export const notPositiveHint = (option: string): string => `Pass e.g. --${option} 2.`;
export const notAnAssignment = (option: string, text: string): string => `--${option} "${text}" is not NODE.NAME=VALUE`;
export const notAnAssignmentHint = (option: string): string => `Write it as --${option} NODE.NAME=VALUE.`;

// The notebook's DAG picture and report, and hints in the caller's vocabulary: the API's option names for
// code (notebooks, createFactory), the CLI's flags for the command line
export type Caller = "api" | "cli";
export const scriptNotFoundHintFor = (entryPoint: string, caller: Caller): string =>
  caller === "cli"
    ? scriptNotFoundHint(entryPoint)
    : `Add the folder that holds ${entryPoint} to scriptsDirs (e.g. factory({..., scriptsDirs: ["path/to/scripts"]})), or set projectRoot for relative source dirs.`;
export const noInterfaceWarningFor = (stepType: string, caller: Caller): string =>
  caller === "cli"
    ? noInterfaceWarning(stepType)
    : `no step interface for ${stepType}: inputs, outputs and env vars are unknown; add the folder of its *.step.yaml to interfacesDirs`;
export const dagViewCaption = (): string => "Pipeline DAG (script nodes as discovered; phantoms greyed, hover for the reason)";
export const dagViewRunCaption = (runId: string): string => `Pipeline DAG, coloured by run ${runId} (hover a node for its cache decision or reason)`;
export const dagViewScript = (node: string, entryPoint: string): string => `${node}: runs ${entryPoint}`;
export const dagViewEdges = (): string => "edges:";
export const notebookNoRunYet = (): string => "No run to report yet: this factory has not run the pipeline in this kernel.";
export const notebookNoRunYetHint = (): string =>
  "Run it first (const record = await lab.run()), or pass a record: lab.report({record}); a run.json from disk is read with readRunRecord(file).";
export const notebookReportWritten = (runId: string): string => `Report of run ${runId} written`;
export const notebookReportCounts = (succeeded: number, cached: number, failed: number, skipped: number, phantoms: number): string =>
  `${succeeded} succeeded (${cached} of them reused from the cache), ${failed} failed, ${skipped} skipped, ${phantoms} phantoms; one self-contained HTML file, no network requests.`;

// The workbook (cursus-lab workbook): its file, its server and its page.
export const workbookInvalid = (file: string, issues: readonly string[]): string => `${file} is not a cursus-lab workbook:\n  ${issues.join("\n  ")}`;
export const workbookInvalidHint = (): string =>
  'A workbook is YAML: format: cursus-lab.workbook, dag: and config: (paths from the file\'s folder), and cells: [{name, reads: [NODE, ...], code}], each cell name a JavaScript identifier used once.';
export const workbookDuplicateCell = (file: string, name: string): string => `${file}: two cells are named "${name}"`;
export const workbookNeedsPipeline = (): string => "workbook needs a pipeline: a workbook file, or both --dag and --config";
export const workbookNeedsPipelineHint = (): string =>
  "Run cursus-lab workbook path/to/file.workbook.yaml, or cursus-lab workbook --dag pipeline.dag.json --config config.json.";
export const workbookBadPort = (value: string): string => `--port must be a whole number from 0 to 65535, not "${value}"`;
export const workbookBadPortHint = (): string => "Pass e.g. --port 8890, or leave it out for a free port.";
export const workbookPortInUse = (port: number): string => `port ${port} on 127.0.0.1 is already in use`;
export const workbookPortInUseHint = (): string => "Pass another --port, or leave it out for a free port.";
export const workbookPageMissing = (file: string): string => `the workbook page is not built: ${file} does not exist`;
export const workbookPageMissingHint = (): string => "Run npm run build in cursus-lab's folder.";
export const workbookTokenRequired = (): string => "this workbook needs its token: open the address cursus-lab workbook printed, with ?token=";
export const workbookNoRoute = (path: string): string => `nothing is served at ${path}`;
export const workbookUnknownNode = (node: string): string => `${node} is not a script node of this workbook`;
export const workbookUnknownNodeHint = (nodes: readonly string[]): string => `Script nodes: ${nodes.join(", ")}.`;
export const workbookNotStarted = (): string => "the workbook session has not started";
export const workbookNotStartedHint = (): string => "Create sessions with WorkbookSession.start(factory, options).";
export const workbookNoSuchOutputFile = (node: string, output: string, path: string): string =>
  `${node}'s current result lists no file ${JSON.stringify(path)} in output ${JSON.stringify(output)}`;
export const workbookBodyTooLarge = (limit: number): string => `the request body is larger than ${limit} bytes`;
export const workbookBodyNotJson = (): string => "the request body is not JSON";
export const workbookServing = (nodes: number, watching: boolean): string =>
  `workbook: ${nodes} script nodes${watching ? ", their script files watched" : ""}; open the address above. Ctrl-C stops the server and the scripts.`;
export const workbookScriptSaved = (file: string, nodes: readonly string[]): string => `saved ${file}: computing ${nodes.join(", ")} and descendants again`;
export const workbookStopping = (): string => "workbook: stopping the server and the scripts";

// The notebook's live display (lab.live()), the workbook's export, and the workbook bench.
const editsApplied = (edits: number): string => (edits === 0 ? "no edits yet" : `${edits} edit${edits === 1 ? "" : "s"} applied`);
export const liveNote = (edits: number, done: number, total: number): string =>
  `live: ${done}/${total} nodes current, ${editsApplied(edits)}; lab.configure(...) or a form's Apply reruns the affected nodes here.`;
export const liveStopped = (edits: number): string => `live display stopped after ${editsApplied(edits)}; the last state stays shown. Call lab.live() to start again.`;
export const workbookExportButton = (): string => "Export report";
export const workbookExportTitle = (): string => "Save the current state of every node as one self-contained HTML report";
export const workbookExported = (file: string, bytes: string, ms: number, status: string): string =>
  `workbook exported: ${file} (${bytes}, ${ms} ms); the pipeline ${status}`;
