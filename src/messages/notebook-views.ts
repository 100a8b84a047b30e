/** What users read in the notebook's views: the DAG picture, the report, and hints in the caller's words. */
import { noInterfaceWarning, scriptNotFoundHint } from "./inputs.js";

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
