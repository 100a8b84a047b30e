import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunEvent } from "../../src/engine/run-events.js";
import { createFactory } from "../../src/factory/testing-factory.js";
import type { NodeRecord } from "../../src/results/run-record.js";
import { ReactiveRun } from "../../src/schedule/reactive-run.js";
import { processesMentioning } from "../helpers/processes.js";
import { TOY, toyPipeline } from "../runner/toy-pipeline.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logOf = (record: NodeRecord | undefined): string =>
  record?.status === "succeeded" ? readFileSync(join(record.outputs[0]!.path, "log.csv"), "utf8") : `(${record?.status})`;

describe("the reactive run", () => {
  let live: ReactiveRun | undefined;
  afterEach(async () => live?.dispose());

  it("after an edit, computes exactly the edited node and its descendants; switching back starts no process", async () => {
    const p = toyPipeline([{ name: "A" }, { name: "B" }, { name: "C" }, { name: "X" }], [["A", "B"], ["B", "C"]]);
    const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    let started: string[] = [];
    const observer = (e: RunEvent): void => void (e.type === "node-started" && started.push(e.node));
    live = await ReactiveRun.start(factory.model, { entry: "main" }, observer);
    await live.settled();
    expect(started.sort()).toEqual(["A", "B", "C", "X"]);

    started = [];
    const original = factory.model;
    factory.configureScriptTesting("B", { env: { MESSAGE: "edited" } });
    expect(live.update(factory.model)).toEqual(["B"]);
    const after = await live.settled();
    expect(started.sort()).toEqual(["B", "C"]);
    expect(logOf(after.get("C"))).toContain("edited");

    started = [];
    expect(live.update(original)).toEqual(["B"]);
    const back = await live.settled();
    expect(started).toEqual([]);
    expect(back.get("B")).toMatchObject({ cache: "hit" });
    expect(logOf(back.get("C"))).not.toContain("edited");
  });

  it("a computation superseded by a newer edit is stopped with its processes", async () => {
    const p = toyPipeline([{ name: "Slow" }, { name: "After" }], [["Slow", "After"]]);
    const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const events: RunEvent[] = [];
    live = await ReactiveRun.start(factory.model, { entry: "main" }, (e) => void events.push(e));
    await live.settled();
    factory.configureScriptTesting("Slow", { env: { SLEEP_SECONDS: "30", MESSAGE: "never" } });
    live.update(factory.model);
    const slowStarts = (): number => events.filter((e) => e.type === "node-started" && e.node === "Slow").length;
    while (slowStarts() < 2) await sleep(50);
    await sleep(300);
    const t0 = Date.now();
    factory.configureScriptTesting("Slow", { env: { SLEEP_SECONDS: "0", MESSAGE: "latest" } });
    live.update(factory.model);
    const results = await live.settled();
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(logOf(results.get("After"))).toContain("latest");
    expect(logOf(results.get("After"))).not.toContain("never");
    expect(slowStarts()).toBe(3);
    for (let i = 0; i < 30 && processesMentioning(p.dir).length > 0; i++) await sleep(100);
    expect(processesMentioning(p.dir)).toEqual([]);
  });
});
