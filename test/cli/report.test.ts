import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { demoDag, root, tempDir } from "../kernel/project.js";

const fixture = join(root, "test", "fixtures", "report", "failed-run.json");

describe("cursus-lab report", () => {
  const { dir, cleanup } = tempDir("cursus-lab-report-cli-");
  afterAll(cleanup);

  it("writes one HTML file from a run.json and says where, how big and how long", () => {
    const out = join(dir, "nested", "report.html");
    const result = runCli(["report", fixture, "-o", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^report written: .*report\.html \(\d+ KB, \d+ ms\)\n$/);
    expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>/);
  });

  it("names a missing run folder and says what to pass instead (exit 2)", () => {
    const result = runCli(["report", join(dir, "no-such-run")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no run folder or run.json at ${join(dir, "no-such-run")}`);
    expect(result.stderr).toMatch(/what to do: Pass a run folder/);
  });

  it("names a folder without run.json (exit 2)", () => {
    mkdirSync(join(dir, "empty"));
    const result = runCli(["report", join(dir, "empty")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is a folder without a run.json");
  });

  it("rejects a JSON file of another shape, naming it (exit 2)", () => {
    const result = runCli(["report", demoDag]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(demoDag);
    expect(result.stderr).toMatch(/cursus-lab run record/);
  });

  it("says when a workspace has no run yet (exit 2)", () => {
    const result = runCli(["report", "--workspace", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no run recorded in workspace ${dir}`);
    expect(existsSync(join(dir, "report.html"))).toBe(false);
  });
});
