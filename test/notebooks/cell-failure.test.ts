import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerKernel, notebookDir } from "../kernel/project.js";
import { executeNotebook, textOf, writeNotebook } from "./execute-notebook.js";

const notebook = (dir: string, name: string, cells: string[]): string => writeNotebook(join(dir, `${name}.ipynb`), cells);

/** tslab reports a failed cell on stderr only, and drops requests that follow a failure too closely. */
describe("a failing notebook cell", () => {
  const { dir, cleanup } = notebookDir("cursus-lab-failing-nb-");
  beforeAll(registerKernel);
  afterAll(cleanup);

  const cells = [
    "const ok: number = 1;",
    'const wrong: number = "not a number";',
    'throw new Error("boom from a cell");',
    'console.log("after the failures");',
  ];

  it("stops the run at the first failure and reports that cell's source and error text", async () => {
    const run = await executeNotebook(notebook(dir, "stops", cells), dir);
    expect(run.exitCode).toBe(1);
    expect(run.summary.failures).toHaveLength(1);
    expect(run.summary.failures[0]).toMatchObject({ cell: 1, source: cells[1] });
    expect(run.summary.failures[0]!.error).toContain("Type 'string' is not assignable to type 'number'");
    expect(run.stderr).toContain("--- cell 1 failed ---");
    expect(run.cells[3]!.outputs).toEqual([]);
  }, 120_000);

  it("with --allow-errors, pauses after each failure so every later cell still runs", async () => {
    const run = await executeNotebook(notebook(dir, "goes-on", cells), dir, {}, ["--allow-errors"]);
    expect(run.exitCode).toBe(1);
    expect(run.summary.failures.map((f) => f.cell)).toEqual([1, 2]);
    expect(run.summary.failures[1]!.error).toContain("boom from a cell");
    expect(run.cells[3]!.outputs!.map(textOf).join("")).toContain("after the failures");
  }, 120_000);
});
