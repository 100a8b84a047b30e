import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerKernel, notebookDir } from "../kernel/project.js";
import { executeNotebook, textOf } from "./execute-notebook.js";

/**
 * tslab type-checks cells with a TypeScript watch program, which watches the folders where an import was
 * looked for and not found (a `node_modules` beside the notebook). A change there while the kernel is
 * idle must not break the next cell.
 */
describe("a folder change beside the notebook, between two cells", () => {
  const { dir, cleanup } = notebookDir("cursus-lab-churn-nb-");
  beforeAll(registerKernel);
  afterAll(cleanup);

  it("leaves the next cell running", async () => {
    const file = join(dir, "churn.ipynb");
    const cells = [
      'import * as fs from "fs";\nfs.mkdirSync("node_modules", { recursive: true });\nfs.writeFileSync("node_modules/probe.txt", "x");\nawait new Promise((resolve) => setTimeout(resolve, 1500));',
      "const two: number = 1 + 1;\nconsole.log(`two is ${two}`);",
    ];
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "cursus-lab", display_name: "TypeScript (cursus-lab)", language: "typescript" } },
      cells: cells.map((source, i) => ({ id: `cell-${i}`, cell_type: "code", metadata: {}, execution_count: null, outputs: [], source })),
    };
    writeFileSync(file, JSON.stringify(nb));
    const run = await executeNotebook(file, dir);
    expect(run.summary.failures).toEqual([]);
    expect(run.cells[1]!.outputs!.map(textOf).join("")).toContain("two is 2");
  }, 120_000);
});
