import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { runRecordSchema } from "../../src/results/run-record.js";
import { latestRunFile } from "../../src/results/write-run-record.js";
import { WorkbookSession } from "../../src/workbook/workbook-session.js";
import { DEMO_PHANTOMS, DEMO_SCRIPT_NODES, demoConfig, demoDag, projectRoot, tempDir } from "../helpers/fixtures.js";

const CAL = "ModelCalibration_calibration";
const cli = (...args: string[]) => spawnSync(process.execPath, [join(projectRoot, "bin", "cursus-lab.js"), ...args], { cwd: projectRoot, encoding: "utf8", timeout: 180_000 });

describe("the workbook and cursus-lab run share one store (the demo pipeline)", () => {
  const { dir, cleanup } = tempDir("cl-wb-store-");
  afterAll(cleanup);
  const workspace = join(dir, "ws");

  it("opens with every cell cached after cursus-lab run, and an edit made in it is a cache hit for cursus-lab run", async () => {
    const first = cli("run", "--dag", demoDag, "--config", demoConfig, "--workspace", workspace, "--jobs", "2");
    expect(first.status, first.stderr).toBe(0);

    const session = await WorkbookSession.start(createFactory({ dag: demoDag, config: demoConfig, workspace }), { jobs: 2 });
    try {
      await session.settled();
      for (const node of DEMO_SCRIPT_NODES) expect({ node, status: session.cell(node)!.status, runs: session.cell(node)!.runs }).toEqual({ node, status: "cached", runs: 0 });
      const outcome = session.edit({ node: CAL, kind: "env", name: "CALIBRATION_METHOD", value: "platt" });
      expect(outcome).toMatchObject({ ok: true, affected: [CAL, "Package"] });
      await session.settled();
      for (const node of [CAL, "Package"]) expect({ node, status: session.cell(node)!.status }).toEqual({ node, status: "succeeded" });
    } finally {
      await session.dispose();
    }

    const again = cli("run", "--dag", demoDag, "--config", demoConfig, "--workspace", workspace, "--jobs", "2", "--env", `${CAL}.CALIBRATION_METHOD=platt`);
    expect(again.status, again.stderr).toBe(0);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(latestRunFile(workspace)!, "utf8")));
    expect(Object.fromEntries(record.nodes.map((n) => [n.name, n.status === "succeeded" ? n.cache : n.status]))).toEqual(Object.fromEntries(DEMO_SCRIPT_NODES.map((n) => [n, "hit"])));
    expect(record.counts.cached).toBe(DEMO_SCRIPT_NODES.length);
  }, 300_000);

  it("--export writes the current state as the one-file report, one DAG node per DAG node, and exits", () => {
    const out = join(dir, "out.html");
    const r = cli("workbook", join(projectRoot, "notebooks", "demo.workbook.yaml"), "--workspace", workspace, "--jobs", "2", "--export", out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^workbook exported: .*out\.html \(.*\); the pipeline succeeded\n$/);
    const html = readFileSync(out, "utf8");
    const boxes = [...html.matchAll(/data-cl-dag-node="([^"]+)"/g)].map((m) => m[1]!);
    expect(boxes.sort()).toEqual([...DEMO_SCRIPT_NODES, ...DEMO_PHANTOMS].sort());
    // The report names every script node's state; no network requests.
    for (const node of DEMO_SCRIPT_NODES) expect(html).toContain(node);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
  }, 300_000);
});
