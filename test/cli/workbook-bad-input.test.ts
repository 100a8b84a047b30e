import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/fixtures.js";

const cli = (...args: string[]) => spawnSync(process.execPath, [join(projectRoot, "bin", "cursus-lab.js"), "workbook", ...args], { cwd: projectRoot, encoding: "utf8", timeout: 30_000 });

describe("cursus-lab workbook: bad input exits 2 with a clear message, before any server starts", () => {
  it("needs a pipeline", () => {
    const r = cli("--no-open");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("workbook needs a pipeline");
  });

  it("names what is wrong in a workbook file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cl-wb-bad-")), "x.workbook.yaml");
    writeFileSync(file, "format: cursus-lab.workbook\ndag: a.dag.json\ncells:\n  - name: 2bad\n    code: return 1\n");
    const r = cli(file, "--no-open");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("is not a cursus-lab workbook");
    expect(r.stderr).toMatch(/config/);
    expect(r.stderr).toMatch(/cells\[0\]\.name/);
  });

  it("refuses a bad port", () => {
    const r = cli("--dag", "x", "--config", "y", "--port", "99999", "--no-open");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--port must be a whole number");
  });
});
