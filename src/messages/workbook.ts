/** What users read about the workbook and the live display. */

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
