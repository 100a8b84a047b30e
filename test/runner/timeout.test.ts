import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { processesMentioning } from "../helpers/processes.js";
import { cli, toyArgs, toyPipeline } from "./toy-pipeline.js";

describe("--timeout", () => {
  it("stops a hanging script together with the grandchild it started", async () => {
    const p = toyPipeline([{ name: "Hang", type: "ToyHang", fields: { pid_file: "" } }, { name: "After" }], [["Hang", "After"]]);
    const pidFile = join(p.dir, "grandchild.pid");
    p.rewrite({ Hang: { pid_file: pidFile } });
    const result = await cli(["run", ...toyArgs(p), "--timeout", "2", "--json"]);
    expect(result.exitCode).toBe(1);
    const record = JSON.parse(result.stdout);
    const hang = record.nodes.find((n: { name: string }) => n.name === "Hang");
    expect(hang.status).toBe("failed");
    expect(hang.error.kind).toBe("timeout");
    expect(hang.error.message).toContain("stopped after 2 s");
    expect(hang.durationMs).toBeLessThan(30_000);
    expect(record.nodes.find((n: { name: string }) => n.name === "After")).toMatchObject({ status: "skipped", skippedBecause: "Hang" });
    expect(readFileSync(pidFile, "utf8")).not.toBe("");
    for (let i = 0; i < 50 && processesMentioning(p.dir).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesMentioning(p.dir)).toEqual([]);
  });
});
