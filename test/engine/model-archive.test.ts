import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";

/**
 * A training step's model output reaches the processing steps after it as model.tar.gz, as SageMaker
 * uploads /opt/ml/model: real runs of two scripts of our own, Train (writes a model folder) and Use
 * (writes what its model input holds).
 */
describe("a training job's model, downstream", () => {
  const dir = mkdtempSync(join(tmpdir(), "cursus-lab-model-archive-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scripts = join(dir, "scripts");
  const interfaces = join(dir, "interfaces");
  mkdirSync(scripts);
  mkdirSync(interfaces);
  writeFileSync(
    join(scripts, "train.py"),
    [
      "import os",
      "def main(input_paths, output_paths, environ_vars, job_args):",
      "    os.makedirs(os.path.join(output_paths['model'], 'sub'), exist_ok=True)",
      "    open(os.path.join(output_paths['model'], 'model.bin'), 'w').write(environ_vars['MESSAGE'])",
      "    open(os.path.join(output_paths['model'], 'sub', 'meta.txt'), 'w').write('meta')",
      "if __name__ == '__main__':",
      "    main({}, {'model': '/opt/ml/model'}, dict(os.environ), None)",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(scripts, "use.py"),
    [
      "import json, os, tarfile",
      "def main(input_paths, output_paths, environ_vars, job_args):",
      "    with tarfile.open(os.path.join(input_paths['model'], 'model.tar.gz')) as tar:",
      "        members = sorted(m.name for m in tar.getmembers())",
      "        # As real evaluation scripts do: SageMaker gives them a copy of the input to unpack into.",
      "        if environ_vars.get('UNPACK'):",
      "            tar.extractall(input_paths['model'])",
      "    found = sorted(os.listdir(input_paths['model']))",
      "    os.makedirs(output_paths['seen'], exist_ok=True)",
      "    json.dump({'found': found, 'members': members}, open(os.path.join(output_paths['seen'], 'seen.json'), 'w'))",
      "if __name__ == '__main__':",
      "    main({'model': '/opt/ml/processing/input/model'}, {'seen': '/opt/ml/processing/output'}, dict(os.environ), None)",
      "",
    ].join("\n"),
  );
  const step = (type: string, entry: string, contract: string[], spec: string[]): void =>
    writeFileSync(join(interfaces, `${entry}.step.yaml`), [`step_type: ${type}`, "registry: {sagemaker_step_type: Processing}", "contract:", `  entry_point: ${entry}.py`, ...contract, "  env_vars: {required: [MESSAGE]}", "spec:", ...spec, ""].join("\n"));
  step("ToyTrain", "train", ["  outputs: {model: {path: /opt/ml/model}}"], ["  outputs:", "    model: {property_path: properties.ModelArtifacts.S3ModelArtifacts, semantic_keywords: [model]}"]);
  step("ToyUse", "use", ["  inputs: {model: {path: /opt/ml/processing/input/model}}", "  outputs: {seen: {path: /opt/ml/processing/output}}"], ["  dependencies:", "    model: {compatible_sources: [ToyTrain], semantic_keywords: [model]}"]);
  const dag = join(dir, "toy.dag.json");
  writeFileSync(dag, JSON.stringify({ dag: { nodes: ["Train", "Use"], edges: [["Train", "Use"]] } }));
  const writeConfig = (message: string): string => {
    const config = join(dir, "config.json");
    const node = (type: string, entry: string) => ({ __model_type__: `${type}Config`, processing_entry_point: entry, processing_source_dir: scripts, message });
    writeFileSync(config, JSON.stringify({ configuration: { shared: {}, specific: { Train: node("ToyTrain", "train.py"), Use: node("ToyUse", "use.py") } }, metadata: { config_types: {} } }));
    return config;
  };
  const run = async (workspace: string, message: string, entry: "main" | "script", useEnv: Record<string, string> = {}) => {
    const factory = createFactory({ dag, config: writeConfig(message), interfacesDirs: [interfaces], settings: false, workspace: join(dir, workspace) });
    if (Object.keys(useEnv).length > 0) factory.configureScriptTesting("Use", { env: useEnv });
    const record = await factory.executeDagGuidedTesting({ entry });
    const use = record.nodes.find((n) => n.name === "Use")!;
    const seen = use.status === "succeeded" ? JSON.parse(readFileSync(join(use.outputs[0]!.path, "seen.json"), "utf8")) : undefined;
    return { record, use, seen };
  };
  const archiveBytes = (workspace: string): string => {
    const archives = join(dir, workspace, "store", ".archives");
    const [only] = readdirSync(archives).filter((name) => !name.endsWith(".json"));
    return execFileSync("sha256sum", [join(archives, only!, "model.tar.gz")], { encoding: "utf8" }).split(" ")[0]!;
  };

  for (const entry of ["script", "main"] as const) {
    it(`holds model.tar.gz of the model's files at its root (--entry ${entry})`, async () => {
      const { use, seen } = await run(`ws-${entry}`, "weights", entry);
      expect(use.status).toBe("succeeded");
      expect(seen).toEqual({ found: ["model.tar.gz"], members: ["model.bin", "sub", "sub/meta.txt"] });
    }, 60_000);
  }

  it("is made again for the next run when a script wrote into it (main() reads the archive's own folder)", async () => {
    const first = await run("ws-unpacked", "weights", "main", { UNPACK: "1" });
    expect(first.use.status).toBe("failed");
    expect(first.use.status === "failed" ? first.use.error.message : "").toContain("the script changed its input model");
    const next = await run("ws-unpacked", "weights", "main");
    expect(next.use.status).toBe("succeeded");
    expect(next.seen).toEqual({ found: ["model.tar.gz"], members: ["model.bin", "sub", "sub/meta.txt"] });
    // The model itself was not touched, so its node is reused.
    expect(next.record.nodes.find((n) => n.name === "Train")).toMatchObject({ status: "succeeded", cache: "hit" });
  }, 60_000);

  it("is the same bytes for the same model, so the step after an unchanged model is reused", async () => {
    expect(archiveBytes("ws-script")).toBe(archiveBytes("ws-main"));
    const again = await run("ws-script", "weights", "script");
    expect(again.record.nodes.map((n) => n.cache)).toEqual(["hit", "hit"]);
    const changed = await run("ws-script", "other weights", "script");
    expect(changed.record.nodes.map((n) => n.cache)).toEqual(["miss", "miss"]);
  }, 60_000);
});
