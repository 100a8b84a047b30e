import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { runRecordSchema } from "../../src/results/run-record.js";
import { latestRunFile } from "../../src/results/write-run-record.js";
import * as msg from "../../src/messages.js";
import { registerKernel, root } from "../kernel/project.js";
import { processesMentioning } from "../helpers/processes.js";
import { TOY, toyPipeline } from "../runner/toy-pipeline.js";

describe("Jupyter's Interrupt during lab.run()", () => {
  beforeAll(registerKernel);

  it("stops the running script and its child, writes run.json, and leaves the kernel usable", async () => {
    const p = toyPipeline([{ name: "Hang", type: "ToyHang", fields: { pid_file: "" } }, { name: "After" }], [["Hang", "After"]]);
    const pidFile = join(p.dir, "grandchild.pid");
    p.rewrite({ Hang: { pid_file: pidFile } });
    const cell = join(p.dir, "cell.ts");
    writeFileSync(
      cell,
      [
        `import { factory } from ${JSON.stringify(join(root, "dist", "kernel", "index.js"))};`,
        `const lab = factory(${JSON.stringify({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace, settings: false })});`,
        `await lab.run();`,
      ].join("\n"),
    );

    const driver = await execa("/usr/bin/python3", [join(root, "test", "notebooks", "interrupt_kernel.py"), "cursus-lab", cell, pidFile], {
      reject: false,
      env: { JUPYTER_PATH: join(root, ".jupyter", "share", "jupyter"), JUPYTER_RUNTIME_DIR: join(root, ".jupyter", "runtime"), PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    });
    expect(driver.exitCode, driver.stderr).toBe(0);
    const seen = JSON.parse(driver.stdout.trim().split("\n").at(-1)!) as {
      cell: { status: string; secondsAfterInterrupt: number; outputs: string[]; late: { type: string; text: string }[] };
      after: { status: string; outputs: string[] };
    };
    expect(seen.cell.status).toBe("error");
    expect(seen.cell.outputs.join("")).toContain("Interrupted");
    // No tslab internals: one line about the interrupt instead of an executor stack.
    const printed = [...seen.cell.outputs, ...seen.cell.late.map((o) => o.text)].join("");
    expect(printed).not.toContain("Interrupted asynchronously");
    expect(printed).not.toMatch(/\n\s+at /);
    expect(printed).toContain(msg.notebookRunInterrupted());
    // The progress output ends in the run's final state: no node left "running" or "pending".
    const progress = [...seen.cell.outputs, ...seen.cell.late.filter((o) => o.type === "update_display_data").map((o) => o.text)].filter((t) => t.includes("Hang"));
    const last = progress.at(-1)!;
    expect(last).toMatch(/: interrupted\n/);
    expect(last).toMatch(/Hang\s+│?\s*interrupted/);
    expect(last).not.toMatch(/\b(running|pending)\b/);
    expect(seen.after.status).toBe("ok");
    expect(seen.after.outputs.join("").trim()).toBe("kernel still answers");

    // The grandchild's command line holds the pid file's path: found so even inside a pid namespace.
    expect(readFileSync(pidFile, "utf8")).not.toBe("");
    for (let i = 0; i < 100 && processesMentioning(pidFile).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesMentioning(pidFile)).toEqual([]);
    let runFile = latestRunFile(p.workspace);
    for (let i = 0; i < 100 && runFile === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      runFile = latestRunFile(p.workspace);
    }
    const record = runRecordSchema.parse(JSON.parse(readFileSync(runFile!, "utf8")));
    expect(record.status).toBe("interrupted");
    expect(record.nodes.find((n) => n.name === "Hang")).toMatchObject({ status: "interrupted", stage: "running" });
    expect(record.nodes.find((n) => n.name === "After")).toMatchObject({ status: "interrupted", stage: "pending" });
  });
});
