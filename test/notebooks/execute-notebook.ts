import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../kernel/project.js";

export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}

export interface Cell {
  cell_type: "code" | "markdown";
  source: string | string[];
  outputs?: Output[];
}

export interface Executed {
  exitCode: number;
  stderr: string;
  summary: {
    seconds: number;
    /** Per code cell: time, outcome, and how many messages of each type the kernel sent for it. */
    cells: { cell: number; seconds: number; ok: boolean; messages: Record<string, number> }[];
    failures: { cell: number; source: string; error: string }[];
  };
  cells: Cell[];
}

const join_ = (text: string | string[] | undefined): string => (Array.isArray(text) ? text.join("") : (text ?? ""));

export const textOf = (output: Output): string => join_(output.text) || join_(output.data?.["text/plain"] as string | string[] | undefined);
export const htmlOf = (output: Output): string => join_(output.data?.["text/html"] as string | string[] | undefined);
export const sourceOf = (cell: Cell): string => join_(cell.source);

/** Code cells whose source contains `marker`, with their outputs. */
export function cellsWith(executed: Executed, marker: string): Cell[] {
  return executed.cells.filter((c) => c.cell_type === "code" && sourceOf(c).includes(marker));
}

/** Writes a notebook of code cells for `kernel` (the project's own by default) at `file`, and returns its path. */
export function writeNotebook(file: string, cells: readonly string[], kernel = "cursus-lab"): string {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: kernel, display_name: kernel === "cursus-lab" ? "TypeScript (cursus-lab)" : kernel, language: "typescript" } },
    cells: cells.map((source, i) => ({ id: `cell-${i}`, cell_type: "code", metadata: {}, execution_count: null, outputs: [], source })),
  };
  writeFileSync(file, JSON.stringify(nb));
  return file;
}

/**
 * Executes a notebook the way a user exports one: scripts/export-notebook.sh (Debian's Jupyter, nbclient,
 * the project-local tslab kernel), writing the executed notebook and its HTML into `outDir`.
 */
export function executeNotebook(notebook: string, outDir: string, env: Record<string, string> = {}, extra: string[] = []): Promise<Executed> {
  const name = notebook.replace(/^.*\//, "").replace(/\.ipynb$/, "");
  const executed = join(outDir, `${name}.ipynb`);
  const html = join(outDir, `${name}.html`);
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [join(root, "scripts", "export-notebook.sh"), notebook, html, "--executed", executed, ...extra], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").at(-1) ?? "";
      let summary: Executed["summary"];
      try {
        summary = JSON.parse(last) as Executed["summary"];
      } catch {
        reject(new Error(`export-notebook.sh printed no summary for ${notebook} (exit ${code}):\n${stdout}\n${stderr}`));
        return;
      }
      let cells: Cell[] = [];
      try {
        cells = (JSON.parse(readFileSync(executed, "utf8")) as { cells: Cell[] }).cells;
      } catch {
        // No executed notebook: the failure report below says why.
      }
      resolve({ exitCode: code ?? -1, stderr, summary, cells });
    });
  });
}

/** Fails with the failing cell's source and error text, which is what a reader of the test log needs. */
export function expectNoFailedCell(executed: Executed, notebook: string): void {
  if (executed.exitCode === 0 && executed.summary.failures.length === 0) return;
  const details = executed.summary.failures.map((f) => `cell ${f.cell}:\n${f.source}\n--- error ---\n${f.error}`).join("\n\n");
  throw new Error(`${notebook}: a cell failed (exit ${executed.exitCode})\n${details || executed.stderr}`);
}
