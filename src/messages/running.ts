/** What users read about a run: validation, the engine (store, processes, entry modes, outputs) and its results. */

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
export const reusedFolded = (count: number, othersShown: boolean): string =>
  `${othersShown ? `${count} more nodes` : `all ${count} nodes`} reused their stored results unchanged (every node: --json, or run.json)`;
export const succeededFolded = (count: number, shown: number): string =>
  `${count} more nodes ran and succeeded, none slower than the ${shown} listed (every node: --json, or run.json)`;
export const earlierRunKilled = (runId: string, pid: number, dir: string): string =>
  `note: run ${runId} (pid ${pid}) was killed before it finished; its staging and scratch were cleared, its logs and specs are in ${dir}`;
export const settledFrom = (from: string, paths: number): string =>
  `nothing run ${from} read has changed (${paths} files and folders checked): its decisions stand, no node was decided again`;
export const runNotRemembered = (why: string): string => `this run is not remembered for the next one to replay: ${why}`;
export const notEveryNodeReused = (): string => "not every node reused its stored result";
export const pathNotSteady = (path: string): string => `${path} was written too recently, or changed between two reads, for its state to vouch for what the run read`;
export const pathChangedDuringRun = (path: string): string => `${path} is no longer as the run read it (the run itself may have made it again)`;
export const answerChanged = (kind: string): string => `the ${kind} answer changed during the run`;
export const interpreterAskedEachStart = (python: string): string => `the interpreter ${python} is a script, asked again at every start`;
export const userOutputRead = (path: string): string => `the output folder ${path} is checked by reading it`;
export const recordUnreadable = (file: string): string => `its record ${file} cannot be read`;
export const runCounts = (c: { succeeded: number; cached: number; failed: number; skipped: number; interrupted?: number | undefined }): string =>
  `${c.succeeded} succeeded (${c.cached} cached), ${c.failed} failed, ${c.skipped} skipped${c.interrupted ? `, ${c.interrupted} interrupted` : ""}`;
export const stoppingRun = (): string => "stopping: running scripts are being ended; press Ctrl-C again to kill them at once";
export const killingNow = (): string => "killing the running scripts now; run.json is still written";
export const logTruncated = (dropped: number, limit: number): string =>
  `[cursus-lab: ${dropped} more bytes were written; this log keeps the first ${limit} bytes (--log-limit)]`;
export const stoppedByTimeout = (seconds: number): string => `stopped after ${Number(seconds.toPrecision(3))} s (--timeout), with its child processes`;
export const inputsChangedByScript = (inputs: readonly string[]): string =>
  `the script changed its input ${inputs.join(", ")} while it ran; its result is not kept, and what it wrote into is made again by the next run (an upstream result by its node, a model.tar.gz from its model)`;
export const stoppedByInterrupt = (): string => "stopped: the run was interrupted";
export const notStartedByInterrupt = (): string => "not started: the run was interrupted";
export const cannotStartInterpreter = (python: string, code: string): string => `cannot start the interpreter ${python} (${code})`;
export const processExited = (code: number | null, signal: string | null): string =>
  signal !== null
    ? `the process was killed by ${signal}`
    : code !== null
      ? `the process exited with code ${code}`
      : // Only a process whose starter (the launcher, a fork server) died has neither: no one could wait for it.
        "the process was lost: cursus-lab's launcher or fork server, which started it, ended first (a script may have killed it), and the node's processes were killed";
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
