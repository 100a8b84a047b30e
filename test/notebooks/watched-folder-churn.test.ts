import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerKernel, notebookDir } from "../kernel/project.js";
import { executeNotebook, textOf, writeNotebook } from "./execute-notebook.js";

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
    const cells = [
      'import * as fs from "fs";\nfs.mkdirSync("node_modules", { recursive: true });\nfs.writeFileSync("node_modules/probe.txt", "x");\nawait new Promise((resolve) => setTimeout(resolve, 1500));',
      "const two: number = 1 + 1;\nconsole.log(`two is ${two}`);",
    ];
    const run = await executeNotebook(writeNotebook(join(dir, "churn.ipynb"), cells), dir);
    expect(run.summary.failures).toEqual([]);
    expect(run.cells[1]!.outputs!.map(textOf).join("")).toContain("two is 2");
  }, 120_000);
});
