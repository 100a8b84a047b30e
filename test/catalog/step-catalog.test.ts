import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInterfaceDir, loadInterfaceFile } from "../../src/catalog/load-interfaces.js";
import { buildCatalog, builtinCatalogDir, lookupStep } from "../../src/catalog/step-catalog.js";
import { badFixture, projectRoot, realInterfacesDir, testFixture } from "../helpers/fixtures.js";
import { failure } from "../helpers/expect-error.js";
import { ProblemsError } from "../../src/errors.js";


const BUILTIN_TYPES = [
  "CradleDataLoading",
  "ModelCalibration",
  "Package",
  "Payload",
  "Registration",
  "TabularPreprocessing",
  "XGBoostModelEval",
  "XGBoostTraining",
];
const overrideDir = testFixture("interfaces-override");

describe("the real cursus step interfaces", () => {
  const files = readdirSync(realInterfacesDir).filter((f) => f.endsWith(".step.yaml"));

  it("are all here", () => {
    expect(files).toHaveLength(20);
  });

  it.each(files)("%s parses into a step type, a SageMaker step type and a contract", (file) => {
    const { stepInterface } = loadInterfaceFile(join(realInterfacesDir, file));
    expect(stepInterface.step_type).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    expect(stepInterface.registry.sagemaker_step_type).not.toBe("");
    expect(stepInterface.contract.env_vars.required).toBeInstanceOf(Array);
    for (const input of Object.values(stepInterface.contract.inputs)) expect(input.path).toMatch(/^\/opt\/ml\//);
  });

  it("reads the tabular preprocessing contract and spec in full", () => {
    const { stepInterface } = loadInterfaceFile(join(realInterfacesDir, "tabular_preprocessing.step.yaml"));
    expect(stepInterface.registry.sagemaker_step_type).toBe("Processing");
    expect(stepInterface.contract.entry_point).toBe("tabular_preprocessing.py");
    expect(stepInterface.contract.inputs["DATA"]).toMatchObject({ path: "/opt/ml/processing/input/data", required: true });
    expect(stepInterface.contract.job_arguments).toContainEqual(expect.objectContaining({ flag: "--job_type", source: "job_type" }));
    expect(stepInterface.spec.outputs["processed_data"]!.aliases.length).toBeGreaterThan(0);
  });

  it("loads the whole folder, sorted by file name", () => {
    const loaded = loadInterfaceDir(realInterfacesDir);
    expect(loaded.map((l) => l.file)).toEqual([...files].sort().map((f) => join(realInterfacesDir, f)));
  });
});

describe("the built-in catalog", () => {
  it("lives in the package's catalog folder", () => {
    expect(builtinCatalogDir).toBe(join(projectRoot, "catalog"));
  });

  it("holds the 8 step types, all built in, none overridden", () => {
    const catalog = buildCatalog();
    expect([...catalog.entries.keys()].sort()).toEqual(BUILTIN_TYPES);
    for (const entry of catalog.entries.values()) {
      expect(entry.origin).toBe("builtin");
      expect(entry.overrides).toBeUndefined();
    }
    expect(catalog.overrides).toEqual([]);
  });

  it.each([
    ["TabularPreprocessing", "Processing"],
    ["XGBoostTraining", "Training"],
    ["CradleDataLoading", "CradleDataLoading"],
    ["Registration", "MimsModelRegistrationProcessing"],
  ])("declares %s as a SageMaker %s step", (stepType, sagemaker) => {
    expect(lookupStep(buildCatalog(), stepType)!.stepInterface.registry.sagemaker_step_type).toBe(sagemaker);
  });

  it("looks step types up exactly, then case-insensitively, else not at all", () => {
    const catalog = buildCatalog();
    expect(lookupStep(catalog, "Package")!.stepType).toBe("Package");
    expect(lookupStep(catalog, "xgboosttraining")!.stepType).toBe("XGBoostTraining");
    expect(lookupStep(catalog, "PyTorchTraining")).toBeUndefined();
  });
});

describe("user interface folders", () => {
  it("override a built-in step type and record the override", () => {
    const catalog = buildCatalog([overrideDir]);
    const entry = catalog.entries.get("TabularPreprocessing")!;
    expect(entry.origin).toBe("user");
    expect(entry.file).toBe(join(overrideDir, "tabular_preprocessing.step.yaml"));
    expect(entry.overrides).toBe(join(builtinCatalogDir, "tabular_preprocessing.step.yaml"));
    expect(entry.stepInterface.contract.env_vars.required).toEqual(["LABEL_FIELD"]);
    expect(catalog.overrides).toEqual([entry]);
    expect(catalog.interfacesDirs).toEqual([overrideDir]);
  });

  it("add step types the catalog does not ship without calling them overrides", () => {
    const catalog = buildCatalog([overrideDir]);
    const entry = catalog.entries.get("CustomScoring")!;
    expect(entry.origin).toBe("user");
    expect(entry.overrides).toBeUndefined();
    expect(catalog.entries.size).toBe(BUILTIN_TYPES.length + 1);
    expect(catalog.entries.get("Package")!.origin).toBe("builtin");
  });

  it("override each other in the order given, the last one winning visibly", () => {
    const catalog = buildCatalog([realInterfacesDir, overrideDir]);
    const entry = catalog.entries.get("TabularPreprocessing")!;
    expect(entry.file).toBe(join(overrideDir, "tabular_preprocessing.step.yaml"));
    expect(entry.overrides).toBe(join(realInterfacesDir, "tabular_preprocessing.step.yaml"));
    const tp = catalog.overrides.filter((o) => o.stepType === "TabularPreprocessing").map((o) => o.overrides);
    expect(tp).toEqual([join(builtinCatalogDir, "tabular_preprocessing.step.yaml"), join(realInterfacesDir, "tabular_preprocessing.step.yaml")]);
  });

  it("ignore files that are not *.step.yaml", () => {
    expect(loadInterfaceDir(overrideDir).map((l) => l.stepInterface.step_type)).toEqual(["CustomScoring", "TabularPreprocessing"]);
  });

  it("must exist", () => {
    const error = failure(() => buildCatalog([testFixture("no-such-interfaces")]));
    expect(error.code).toBe("INTERFACES_DIR_UNREADABLE");
    expect(error.message).toBe(`interfaces folder not found: ${testFixture("no-such-interfaces")}`);
  });

  it("must be a folder, not a file", () => {
    const file = join(overrideDir, "custom_scoring.step.yaml");
    const error = failure(() => buildCatalog([file]));
    expect(error.code).toBe("INTERFACES_DIR_UNREADABLE");
    expect(error.message).toContain(file);
  });
});

describe("bad interface files", () => {
  it("malformed YAML gives a readable error naming the file and line", () => {
    const file = join(badFixture("malformed-interface"), "tabular_preprocessing.step.yaml");
    const error = failure(() => buildCatalog([badFixture("malformed-interface")]));
    expect(error.code).toBe("INVALID_YAML");
    expect(error.file).toBe(file);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not valid YAML at line 5: `));
    expect(error.hint).toContain("indentation");
  });

  it("YAML of the wrong shape names the file and every misplaced field", () => {
    const file = join(badFixture("wrong-shape-interface"), "tabular_preprocessing.step.yaml");
    const error = failure(() => loadInterfaceFile(file));
    expect(error.code).toBe("WRONG_SHAPE");
    expect(error.file).toBe(file);
    expect(error.at).toBe("registry.sagemaker_step_type");
    expect(error.message).toContain(`${file} is not a step interface file`);
    expect(error.message).toContain("registry.sagemaker_step_type");
    expect(error.message).toContain("contract.inputs.DATA");
  });

  it("a missing file is named", () => {
    const error = failure(() => loadInterfaceFile(badFixture("none.step.yaml")));
    expect(error.code).toBe("FILE_UNREADABLE");
    expect(error.message).toBe(`step interface not found: ${badFixture("none.step.yaml")}`);
  });
});

describe("an exported interfaces folder", () => {
  it("loads steps that run no container script (path: null), and names every bad file at once", () => {
    const dir = mkdtempSync(join(tmpdir(), "cursus-lab-ifaces-"));
    writeFileSync(
      join(dir, "batch_transform.step.yaml"),
      "step_type: BatchTransform\nregistry: {sagemaker_step_type: Transform}\ncontract:\n  entry_point: null\n  inputs:\n    model_name: {path: null}\n    data: {path: /opt/ml/input/data}\n  outputs:\n    transform_output: {path: null}\n",
    );
    const contract = lookupStep(buildCatalog([dir]), "BatchTransform")?.stepInterface.contract;
    expect(Object.keys(contract?.inputs ?? {})).toEqual(["data"]);
    expect(contract?.outputs).toEqual({});
    writeFileSync(join(dir, "a.step.yaml"), "step_type: [oops\n");
    writeFileSync(join(dir, "b.step.yaml"), "registry: {}\n");
    const error = failure(() => buildCatalog([dir]), ProblemsError);
    expect(error.problems.map((p) => p.node)).toEqual(["a.step.yaml", "b.step.yaml"]);
  });
});
