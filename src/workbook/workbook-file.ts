import { dirname, resolve } from "node:path";
import { z } from "zod";
import { CursusLabError } from "../errors.js";
import { readYamlFile } from "../io/read-yaml-file.js";
import { jsonPath } from "../io/zod-issues.js";
import * as msg from "../messages.js";

const cellSchema = z
  .object({
    /** Names the cell on the page and in the runtime. */
    name: z.string().regex(/^[A-Za-z_$][\w$]*$/, "a cell name is a JavaScript identifier"),
    title: z.string().optional(),
    /** The script nodes whose results the cell reads: it evaluates again whenever one of them reruns. */
    reads: z.array(z.string()).default([]),
    /** The body of an async function of `(nodes, aq, memo)` whose return value is shown. */
    code: z.string(),
  })
  .strict();

const workbookSchema = z
  .object({
    format: z.literal("cursus-lab.workbook"),
    title: z.string().optional(),
    /** Relative to the workbook file. */
    dag: z.string(),
    config: z.string(),
    workspace: z.string().optional(),
    cells: z.array(cellSchema).default([]),
  })
  .strict();

export type UserCell = z.infer<typeof cellSchema>;

export interface WorkbookFile {
  readonly file: string;
  readonly title: string | undefined;
  readonly dag: string;
  readonly config: string;
  readonly workspace: string | undefined;
  readonly cells: readonly UserCell[];
}

/** Reads a `*.workbook.yaml`: its paths are taken from the file's folder, as a user reading it would. */
export function readWorkbookFile(file: string): WorkbookFile {
  const parsed = workbookSchema.safeParse(readYamlFile(file, "workbook"));
  if (!parsed.success) {
    throw new CursusLabError("INVALID_WORKBOOK", msg.workbookInvalid(file, parsed.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`)), msg.workbookInvalidHint(), { file });
  }
  const folder = dirname(resolve(file));
  const names = new Set<string>();
  for (const cell of parsed.data.cells) {
    if (names.has(cell.name)) throw new CursusLabError("INVALID_WORKBOOK", msg.workbookDuplicateCell(file, cell.name), msg.workbookInvalidHint(), { file });
    names.add(cell.name);
  }
  const data = parsed.data;
  return {
    file,
    title: data.title,
    dag: resolve(folder, data.dag),
    config: resolve(folder, data.config),
    workspace: data.workspace === undefined ? undefined : resolve(folder, data.workspace),
    cells: data.cells,
  };
}
