import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { CursusLabError } from "../../src/errors.js";

describe("a config given in code that nests 100k levels deep", () => {
  it("is refused with the file and path, not a stack overflow", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const raw = { configuration: { shared: {}, specific: { Step: { x: deep } } } };
    let error: unknown;
    try {
      parseConfig(raw, "<object>", "/base");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CursusLabError);
    expect((error as CursusLabError).code).toBe("CONFIG_TOO_DEEP");
    expect((error as CursusLabError).message).toMatch(/^<object>: configuration\.specific\.Step\.x\[0\]\[0\].*nests more than 1000 levels deep$/);
  });

  it("keeps a config of ordinary depth", () => {
    const raw = { configuration: { shared: {}, specific: { Step: { x: [[[1]]] } } } };
    expect(parseConfig(raw, "<object>", "/base").steps.get("Step")!.effective["x"]).toEqual([[[1]]]);
  });
});
