/**
 * cursus-lab in a tslab notebook: `import { factory } from "cursus-lab/kernel"`. A thin adapter: the
 * rendering lives in src/views (shared with the workbook and the report), the pipeline logic in src.
 */
export { factory, NotebookFactory, FORM_WIDGET, type NotebookReportOptions } from "./notebook-factory.js";
export type { WrittenReport } from "../src/report/write-report.js";
export { NotebookLive } from "./notebook-live.js";
export { display, LiveDisplay } from "./display.js";
export { startConfigServer, TOKEN_HEADER, type ConfigServer } from "./config-server.js";
export type { FactoryOptions } from "../src/factory/testing-factory.js";
export type { RunOptions } from "../src/schedule/execute-run.js";
export type { RunRecord } from "../src/results/run-record.js";
export type { MimeBundle } from "../src/views/mime-bundle.js";
export { fieldChecks } from "./field-checks.js";
export { applyFormEdit, type FormReply } from "./form-edit.js";
