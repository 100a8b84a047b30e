import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SCRIPT_NODES } from "../helpers/fixtures.js";
import { registerKernel, notebookDir } from "../kernel/project.js";
import { executeNotebook, expectNoFailedCell, htmlOf, textOf, writeNotebook, type Output } from "./execute-notebook.js";

const CAL = "ModelCalibration_calibration";

const notebook = (dir: string, cells: string[]): string => writeNotebook(join(dir, "live.ipynb"), cells);

interface Seen {
  runs: Record<string, number>;
  cache: Record<string, string>;
  started: Record<string, string>;
}

const seenIn = (outputs: readonly Output[], tag: string): Seen => {
  const printed = outputs.filter((o) => o.output_type === "stream").map(textOf).join("");
  const line = printed.split("\n").find((l) => l.startsWith(`${tag} `));
  if (line === undefined) throw new Error(`no ${tag} line in the cell's printed output:\n${printed}`);
  return JSON.parse(line.slice(tag.length + 1)) as Seen;
};

const report = (tag: string, record: string): string =>
  `console.log("${tag} " + JSON.stringify({ runs: view.runs, cache: Object.fromEntries(${record}.nodes.map((n) => [n.name, n.status === "skipped" ? "skipped" : n.cache])), started: Object.fromEntries(${record}.nodes.map((n) => [n.name, n.status === "skipped" ? "" : n.startedAt ?? ""])) }));`;

/** lab.live() through a real Jupyter kernel (nbclient and the project's tslab kernel), on the demo. */
describe("lab.live() in a tslab notebook", () => {
  const { dir, cleanup } = notebookDir("cursus-lab-live-nb-");
  beforeAll(registerKernel);
  afterAll(cleanup);

  it("shows one display that follows lab.configure(...), rerunning only the affected nodes", async () => {
    const cells = [
      'import { factory } from "./dist/kernel/index.js";\nconst lab = factory({ dag: "notebooks/demo-pipeline/pipeline.dag.json", config: "notebooks/demo-pipeline/config.json" });',
      `const view = await lab.live({ jobs: 2 });\nconst first = await view.settled();\n${report("FIRST", "first")}`,
      `lab.configure("${CAL}", { env: { CALIBRATION_METHOD: "platt" } });`,
      `const second = await view.settled();\n${report("SECOND", "second")}`,
      // A form's Apply arrives through applyFormEdit, whichever route brings it; back to the first value.
      `import { applyFormEdit } from "./dist/kernel/index.js";\nconsole.log("APPLY " + JSON.stringify(applyFormEdit(lab, JSON.stringify({ node: "${CAL}", overrides: { env: { CALIBRATION_METHOD: "isotonic" } } })).body.ok));`,
      `const third = await view.settled();\n${report("THIRD", "third")}`,
      "view.stop();",
    ];
    const run = await executeNotebook(notebook(dir, cells), dir, {}, ["--timeout", "300"]);
    expectNoFailedCell(run, "live.ipynb");
    const code = run.cells.filter((c) => c.cell_type === "code");
    const first = seenIn(code[1]!.outputs!, "FIRST");
    const second = seenIn(code[3]!.outputs!, "SECOND");

    // An empty workspace: every node ran once on open.
    expect(first.runs).toEqual(Object.fromEntries(DEMO_SCRIPT_NODES.map((n) => [n, 1])));
    // After the edit, exactly the edited node and its descendant ran again; the rest kept their records.
    const affected = [CAL, "Package"];
    for (const node of DEMO_SCRIPT_NODES) {
      expect(second.runs[node], node).toBe(affected.includes(node) ? 2 : 1);
      if (affected.includes(node)) {
        expect(second.cache[node], node).toBe("miss");
        expect(Date.parse(second.started[node]!), node).toBeGreaterThan(Date.parse(first.started[node]!));
      } else {
        expect(second.started[node], node).toBe(first.started[node]);
      }
    }

    // The Apply switched back to a value computed before: a store lookup, no script started.
    expect(code[4]!.outputs!.map(textOf).join("")).toContain("APPLY true");
    const third = seenIn(code[5]!.outputs!, "THIRD");
    expect(third.runs).toEqual(second.runs);
    expect(third.cache[CAL]).toBe("hit");
    expect(third.cache["Package"]).toBe("hit");

    // One display, created by lab.live()'s cell and updated in place (nbclient applies update_display_data
    // to the output it created), showing the state after the edit: status, results and charts.
    const displays = code[1]!.outputs!.filter((o) => o.output_type === "display_data");
    expect(displays).toHaveLength(1);
    const text = textOf(displays[0]!);
    // The last cell stopped it: the display keeps the state after the two edits.
    expect(text).toContain("live display stopped after 2 edits applied");
    expect(text).toContain(`run live: ${DEMO_SCRIPT_NODES.length}/${DEMO_SCRIPT_NODES.length} nodes done`);
    expect(text).toMatch(/ModelCalibration_calibration +│ cached/);
    const html = htmlOf(displays[0]!);
    expect(html).toContain('data-cl-table="progress"');
    expect(html).toContain("data-cl-chart=");
    for (const node of DEMO_SCRIPT_NODES) expect(html).toContain(node);
    // The later cells drew nothing of their own for the live display.
    for (const later of [3, 5]) expect(code[later]!.outputs!.filter((o) => o.output_type === "display_data")).toHaveLength(0);
  }, 400_000);
});
