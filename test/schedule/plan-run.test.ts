import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { planRun } from "../../src/schedule/plan-run.js";
import { demoConfig, demoDag } from "../helpers/fixtures.js";

describe("a plan of the demo, before and after runs", () => {
  const workspace = mkdtempSync(join(tmpdir(), "cursus-lab-plan-"));
  const make = () => createFactory({ dag: demoDag, config: demoConfig, workspace });
  const decisions = (plan: Awaited<ReturnType<typeof planRun>>) => Object.fromEntries(plan.nodes.map((n) => [n.name, n.decision]));

  it("says run for every node before any run, reuse after one, and what a changed value reruns, as the run then does", async () => {
    const first = await planRun(make().model);
    expect(new Set(Object.values(decisions(first)))).toEqual(new Set(["run"]));
    expect(first.problems).toEqual([]);
    await make().executeDagGuidedTesting();
    const after = await planRun(make().model);
    expect(new Set(Object.values(decisions(after)))).toEqual(new Set(["reuse"]));

    const changed = make();
    changed.configureScriptTesting("ModelCalibration_calibration", { env: { CALIBRATION_METHOD: "platt" } });
    const plan = await planRun(changed.model);
    const runs = plan.nodes.filter((n) => n.decision === "run");
    expect(runs.map((n) => [n.name, n.reason])).toEqual([
      ["ModelCalibration_calibration", "env CALIBRATION_METHOD changed"],
      ["Package", "runs after ModelCalibration_calibration, whose result is not known before it runs"],
    ]);
    const record = await changed.executeDagGuidedTesting();
    expect(Object.fromEntries(record.nodes.map((n) => [n.name, n.cache === "hit" ? "reuse" : "run"]))).toEqual(decisions(plan));
  });
});
