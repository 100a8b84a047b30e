/**
 * Every sentence a user reads, in one place so wording stays consistent across CLI, notebook, workbook
 * and report; one file per part of the product under src/messages/.
 */
export * from "./messages/inputs.js";
export * from "./messages/running.js";
export * from "./messages/wiring.js";
export * from "./messages/report.js";
export * from "./messages/notebook-forms.js";
export * from "./messages/answers.js";
export * from "./messages/notebook-views.js";
export * from "./messages/workbook.js";
export * from "./messages/warm.js";
