import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoConfig, demoDag, registerKernel, root, notebookDir } from "../kernel/project.js";
import { executeNotebook, htmlOf, writeNotebook, type Output } from "./execute-notebook.js";

/**
 * A project that installed cursus-lab and tslab, as a user's would be (node_modules entries link to this
 * checkout), with its own kernel started in that project: `import ... from "cursus-lab/kernel"` must load
 * at run time (package exports, require of ESM) and type-check in tslab (node10 resolution, typesVersions).
 */
describe('import { factory } from "cursus-lab/kernel" in a project that installed cursus-lab', () => {
  const { dir, cleanup } = notebookDir("cursus-lab-consumer-");
  const project = join(dir, "project");
  const jupyter = join(dir, "jupyter");

  beforeAll(() => {
    registerKernel();
    mkdirSync(join(project, "node_modules"), { recursive: true });
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    // What `npm install cursus-lab` puts there: package.json and the folders its "files" field lists.
    const installed = join(project, "node_modules", "cursus-lab");
    mkdirSync(installed);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files: string[] };
    copyFileSync(join(root, "package.json"), join(installed, "package.json"));
    for (const entry of manifest.files) {
      mkdirSync(dirname(join(installed, entry)), { recursive: true });
      symlinkSync(join(root, entry), join(installed, entry));
    }
    symlinkSync(join(root, "node_modules", "tslab"), join(project, "node_modules", "tslab"));
    symlinkSync(join(root, "node_modules", "@types"), join(project, "node_modules", "@types"));
    const kernel = join(jupyter, "kernels", "consumer");
    mkdirSync(kernel, { recursive: true });
    const wrapper = join(kernel, "start.sh");
    writeFileSync(wrapper, `#!/usr/bin/env bash\ncd '${project}'\nexec '${process.execPath}' '${join(root, "node_modules", "tslab", "bin", "tslab")}' kernel --config-path "$1"\n`);
    chmodSync(wrapper, 0o755);
    writeFileSync(join(kernel, "kernel.json"), JSON.stringify({ argv: [wrapper, "{connection_file}"], display_name: "consumer", language: "typescript" }));
  });
  afterAll(cleanup);

  it("loads, renders, and carries the package's types into the notebook", async () => {
    const file = join(project, "try.ipynb");
    const cells = [
      `import { factory } from "cursus-lab/kernel";\nconst lab = factory({ dag: ${JSON.stringify(demoDag)}, config: ${JSON.stringify(demoConfig)} });\nlab.showDiscovery();`,
      // Fails only if the package's types reached the cell: an untyped import would be `any`.
      "const count: string = lab.getScriptsRequiringTesting().length;",
    ];
    writeNotebook(file, cells, "consumer");
    const run = await executeNotebook(file, dir, { JUPYTER_PATH: jupyter }, ["--kernel", "consumer", "--allow-errors"]);
    expect(run.summary.failures.map((f) => f.cell)).toEqual([1]);
    expect(run.summary.failures[0]!.error).toContain("Type 'number' is not assignable to type 'string'");
    const shown = (run.cells[0]!.outputs ?? []).filter((o: Output) => o.output_type === "display_data");
    expect(shown).toHaveLength(1);
    expect(htmlOf(shown[0]!)).toContain('data-cl-count="script nodes">7<');
  }, 120_000);
});
