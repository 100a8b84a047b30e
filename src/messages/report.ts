/** What users read about the one-file HTML report. */

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
