import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ProblemsError } from "../../src/errors.js";
import { createFactory } from "../../src/factory/testing-factory.js";
import { failure } from "../helpers/expect-error.js";
import { demoConfig, demoDag, demoDir, tempDir } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

/** A copy of the demo pipeline's DAG and config in a fresh folder (its scripts stay where they are), with the given cursus-lab.json beside them. */
function pipelineWithSettings(dir: string, name: string, settings: string): { dag: string; config: string; folder: string } {
  const folder = join(dir, name);
  mkdirSync(join(folder, "local-data"), { recursive: true });
  const dag = join(folder, "pipeline.dag.json");
  const config = join(folder, "config.json");
  copyFileSync(demoDag, dag);
  copyFileSync(demoConfig, config);
  writeFileSync(join(folder, "cursus-lab.json"), settings);
  return { dag, config, folder };
}

describe("cursus-lab.json beside the DAG", () => {
  const { dir, cleanup } = tempDir("cursus-lab-settings-");
  afterAll(cleanup);

  it("is applied without being asked for, with paths taken from its own folder", () => {
    const p = pipelineWithSettings(dir, "applied", JSON.stringify({ inputs: { "TabularPreprocessing_training.DATA": "local-data" }, env: { "TabularPreprocessing_training.TRAIN_RATIO": 0.6 } }));
    const spec = createFactory({ dag: p.dag, config: p.config, projectRoot: demoDir, workspace: join(dir, "ws") }).getScriptSpec("TabularPreprocessing_training").spec;
    expect(spec.inputs["DATA"]).toMatchObject({ path: join(p.folder, "local-data"), source: "user" });
    expect(spec.env["TRAIN_RATIO"]).toEqual({ value: "0.6", source: "override" });
    const ignored = createFactory({ dag: p.dag, config: p.config, projectRoot: demoDir, workspace: join(dir, "ws"), settings: false }).getScriptSpec("TabularPreprocessing_training").spec;
    expect(ignored.env["TRAIN_RATIO"]).toEqual({ value: "0.7", source: "config:train_ratio" });
  });

  it("reports its problems as the file's, each with a fix, and --no-settings gets past them", () => {
    const p = pipelineWithSettings(dir, "unknown-node", JSON.stringify({ inputs: { "TabularPreprocesing_training.DATA": "local-data" } }));
    const settingsFile = join(p.folder, "cursus-lab.json");
    const error = failure(() => createFactory({ dag: p.dag, config: p.config, projectRoot: demoDir }), ProblemsError);
    expect(error.code).toBe("SETTINGS_INVALID");
    expect(error.message).toBe(`${settingsFile} has 1 problem`);
    expect(error.problems[0]?.message).toContain('did you mean "TabularPreprocessing_training"');
    expect(error.hint).toContain("--no-settings");

    for (const command of [["discover"], ["requirements", "Package"]]) {
      const refused = runCli([...command, "--dag", p.dag, "--config", p.config, "--project-root", demoDir]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${settingsFile} has 1 problem`);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      const ignored = runCli([...command, "--dag", p.dag, "--config", p.config, "--project-root", demoDir, "--no-settings"]);
      expect(ignored.stderr).toBe("");
    }
  });

  it("names the file for a key it does not know and for broken JSON", () => {
    const unknownKey = pipelineWithSettings(dir, "unknown-key", JSON.stringify({ input: {} }));
    const shape = runCli(["discover", "--dag", unknownKey.dag, "--config", unknownKey.config]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain(`${join(unknownKey.folder, "cursus-lab.json")} is not a cursus-lab settings file`);
    expect(shape.stderr).toContain('Unrecognized key: "input"');

    const broken = pipelineWithSettings(dir, "broken", '{"inputs": ');
    const syntax = runCli(["discover", "--dag", broken.dag, "--config", broken.config]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain(`${join(broken.folder, "cursus-lab.json")} is not valid JSON at line 1`);
  });
});
