import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (this file is test/helpers/fixtures.ts). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Real cursus files, kept in the repository so a clean clone tests against them (CURSUS_FIXTURES overrides, as in the fixtures notebook). */
export const cursusFixtures = process.env["CURSUS_FIXTURES"] ?? join(projectRoot, "test", "fixtures", "cursus");
export const realDag = (name: string): string => join(cursusFixtures, "dags", `${name}.dag.json`);
export const realConfig = (name: string): string => join(cursusFixtures, "configs", `${name}.json`);
export const realInterfacesDir = join(cursusFixtures, "interfaces");

export const XGBOOST_DAG = realDag("xgboost_complete_e2e");
export const XGBOOST_CONFIG = realConfig("config_NA_xgboost_AtoZ");
export const BEDROCK_CONFIG = realConfig("config_NA_rnr_pytorch_bedrock");

/** The demo pipeline that ships in notebooks/. */
export const demoDir = join(projectRoot, "notebooks", "demo-pipeline");
export const demoDag = join(demoDir, "pipeline.dag.json");
export const demoConfig = join(demoDir, "config.json");
export const demoData = (split: "training" | "calibration"): string => join(demoDir, "data", split);
/** The demo's script nodes in the order the runner starts them with one job. */
export const DEMO_SCRIPT_NODES = [
  "TabularPreprocessing_training",
  "XGBoostTraining",
  "TabularPreprocessing_calibration",
  "XGBoostModelEval_calibration",
  "ModelCalibration_calibration",
  "Package",
  "Payload",
];
export const DEMO_PHANTOMS = ["CradleDataLoading_training", "CradleDataLoading_calibration", "Registration"];

/** Our own fixture folders under test/fixtures. */
export const testFixture = (...parts: string[]): string => join(projectRoot, "test", "fixtures", ...parts);
export const xgboostScriptsDir = testFixture("xgboost-scripts");
export const badFixture = (name: string): string => testFixture("bad", name);

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = "cursus-lab-test-", under = tmpdir()): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(under, prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The same, for a notebook a Jupyter kernel runs: outside the suite's scratch folder (scripts/test.sh),
 * since the TypeScript kernel watches the notebook folder's parents for modules, and every other test
 * writes into that folder; an event there would start a rebuild in the middle of a cell.
 */
export function notebookDir(prefix: string): { dir: string; cleanup: () => void } {
  return tempDir(prefix, process.env["CURSUS_LAB_NOTEBOOK_TMP"] ?? tmpdir());
}
