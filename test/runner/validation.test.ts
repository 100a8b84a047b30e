import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoConfig, demoDag, tempDir } from "../helpers/fixtures.js";
import { cli, toyArgs, toyPipeline } from "./toy-pipeline.js";

describe("bad input stops a run before any process starts", () => {
  it("lists every required input that has no data, with the flag that fixes it", async () => {
    const p = toyPipeline([{ name: "First", type: "ToyNeedsData" }, { name: "Second", type: "ToyNeedsData" }], []);
    const result = await cli(["run", ...toyArgs(p)]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("nothing was run: 2 problems");
    expect(result.stderr).toContain("First: required input data has no data");
    expect(result.stderr).toContain("--input Second.data=PATH");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(p.workspace, "runs"))).toBe(false);
  });

  it("accepts the missing data from --input and runs", async () => {
    const p = toyPipeline([{ name: "First", type: "ToyNeedsData" }], []);
    const data = join(p.dir, "data");
    mkdirSync(data);
    const result = await cli(["run", ...toyArgs(p), "--input", `First.data=${data}`]);
    expect(result.exitCode).toBe(0);
  });

  it("refuses an interpreter that cannot start", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const result = await cli(["run", ...toyArgs(p), "--python", "/nonexistent/python3"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('the Python interpreter "/nonexistent/python3" cannot be used (ENOENT)');
    expect(result.stderr).toContain("--python");
    expect(existsSync(join(p.workspace, "runs"))).toBe(false);
  });

  it("refuses an interpreter that is not Python 3", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const result = await cli(["run", ...toyArgs(p), "--python", "/bin/false"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"/bin/false" cannot be used');
  });

  it("names a script that cannot be found, with every path tried", async () => {
    const p = toyPipeline([{ name: "A", fields: { processing_entry_point: "missing_script.py" } }], []);
    const result = await cli(["run", ...toyArgs(p)]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('A: script declared (processing_entry_point: "missing_script.py"), file not found; tried:');
    expect(result.stderr).toContain(join("test/fixtures/toy/scripts", "missing_script.py"));
  });

  it("names the part of an unusable --workspace that blocks it, without hanging on a special file system", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const file = join(p.dir, "not-a-folder");
    writeFileSync(file, "");
    const underFile = await cli(["run", ...toyArgs(p), "--workspace", join(file, "ws")]);
    expect(underFile.exitCode).toBe(2);
    expect(underFile.stderr).toContain(`the workspace "${join(file, "ws")}" cannot be used: ${file}: it is a file, not a folder`);
    expect(underFile.stderr).toContain("Pass --workspace with a folder you can write to");
    expect(underFile.stderr).not.toMatch(/\n\s+at /);
    const inProc = await cli(["run", ...toyArgs(p), "--workspace", "/proc/cursus-lab-ws"]);
    expect(inProc.exitCode).toBe(2);
    expect(inProc.stderr).toContain('the workspace "/proc/cursus-lab-ws" cannot be used: this file system does not take new folders here');
  });

  it("suggests the node meant by a misspelt --only", async () => {
    const p = toyPipeline([{ name: "Alpha" }], []);
    const result = await cli(["run", ...toyArgs(p), "--only", "Alpah"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"Alpah" is not a node of the DAG (did you mean "Alpha"?)');
  });

  it("rejects a malformed --env and an unknown input name", async () => {
    const p = toyPipeline([{ name: "A" }], []);
    const malformed = await cli(["run", ...toyArgs(p), "--env", "A.MESSAGE"]);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toContain('--env "A.MESSAGE" is not NODE.NAME=VALUE');
    const unknown = await cli(["run", ...toyArgs(p), "--input", `A.dta=${p.dir}`]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('A: inputs has no "dta"');
    expect(unknown.stderr).toContain('Did you mean "data"?');
  });

  it("refuses an argument given twice with two values, by its flag and by its dest", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const node = "TabularPreprocessing_training";
      const twice = await cli(["run", "--dag", demoDag, "--config", demoConfig, "--workspace", dir, "--arg", `${node}.--job_type=validation`, "--arg", `${node}.job_type=testing`]);
      expect(twice.exitCode).toBe(2);
      expect(twice.stderr).toContain(`${node}: --job_type is given twice, as --job_type=validation and as job_type=testing`);
      expect(twice.stderr).toContain(`Give it once, as --arg ${node}.--job_type=VALUE`);
      expect(existsSync(join(dir, "runs"))).toBe(false);
    } finally {
      cleanup();
    }
  });
});
