import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFactory } from "../../src/factory/testing-factory.js";
import { TOY, toyPipeline } from "./toy-pipeline.js";

/** Real runs through main() of a script that raises, in main() or while it is imported. */
describe("the hint for a script that raised when called through main()", () => {
  const p = toyPipeline(
    [
      { name: "InMain", type: "ToyClock", fields: { fail: "true" } },
      { name: "AtImport", type: "ToyClock", fields: { fail_at_import: "true" } },
    ],
    [],
  );
  afterAll(() => rmSync(p.dir, { recursive: true, force: true }));

  it("suggests the production entry for an exception in main(), and not for one at import, which it would meet too", async () => {
    const factory = createFactory({ dag: p.dag, config: p.config, interfacesDirs: [join(TOY, "interfaces")], workspace: p.workspace });
    const record = await factory.executeDagGuidedTesting({ entry: "main", jobs: 1 });
    const error = (node: string) => {
      const n = record.nodes.find((r) => r.name === node)!;
      return n.status === "failed" ? n.error : undefined;
    };
    expect(error("InMain")).toMatchObject({ kind: "exception", message: expect.stringContaining("asked to fail in main()") });
    expect(error("InMain")?.hint).toContain("--entry script");
    expect(error("AtImport")).toMatchObject({ kind: "exception", message: expect.stringContaining("asked to fail while imported") });
    expect(error("AtImport")?.hint).toBeUndefined();
  }, 60_000);
});
