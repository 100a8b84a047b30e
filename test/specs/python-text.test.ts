import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { SourceNumber } from "../../src/config/source-number.js";
import type { ConfigValue } from "../../src/config/pipeline-config.js";
import { parseJsonText } from "../../src/io/read-json-file.js";
import { numberText, pyJsonDumps, pyStr } from "../../src/specs/python-text.js";
import { stringifyValue } from "../../src/specs/stringify-value.js";
import { testFixture } from "../helpers/fixtures.js";

const lossless = (text: string): ConfigValue => parseJsonText(text, "t.json", { lossless: true }) as ConfigValue;

describe("numbers keep their Python text", () => {
  it.each(["1.0", "1e-05", "12345678901234567891", "-0.5", "3"])("%s read from a config prints as %s", (text) => {
    expect(stringifyValue((lossless(`{"v": ${text}}`) as Record<string, ConfigValue>)["v"]!)).toBe(text);
  });

  it("inside lists and json.dumps", () => {
    const value = lossless('{"a": [1.0, 1e-05], "b": 12345678901234567891}');
    expect(pyJsonDumps(value)).toBe('{"a": [1.0, 1e-05], "b": 12345678901234567891}');
    expect(stringifyValue((value as Record<string, ConfigValue>)["a"]!)).toBe("1.0,1e-05");
  });

  it("survive loading a config file, markers included", () => {
    const config = loadConfig(testFixture("numbers", "numbers.config.json"));
    const fields = config.steps.get("Step_training")!.effective;
    expect(stringifyValue(fields["ratio"]!)).toBe("1.0");
    expect(stringifyValue(fields["eta"]!)).toBe("1e-05");
    expect(stringifyValue(fields["big"]!)).toBe("12345678901234567891");
    expect(stringifyValue(fields["cols"]!)).toBe("1.0,2.5");
  });

  it("still read as numbers by code that does arithmetic or JSON.stringify", () => {
    const n = new SourceNumber("1.0");
    expect(Number(n) + 1).toBe(2);
    expect(JSON.stringify({ n })).toBe('{"n":1}');
  });

  it("a JS number given in code gets Python's float layout", () => {
    expect([numberText(0.00001), numberText(0.5), numberText(1e16), numberText(1.5e-7), numberText(12)]).toEqual(["1e-05", "0.5", "1e+16", "1.5e-07", "12"]);
  });

  it("a repeated key keeps the last value, as JSON.parse does", () => {
    expect(pyJsonDumps(lossless('{"a": 1, "a": 2.0}'))).toBe('{"a": 2.0}');
  });
});

describe("Python formatting", () => {
  it.each<[string, ConfigValue, string]>([
    ["a bool lower-case", true, "true"],
    ["a string list comma-joined", ["a", "b"], "a,b"],
    ["list items as str(): True, None", [true, null, "x"], "True,None,x"],
    ["a dict as json.dumps with Python's separators", { a: 1, b: [1, 2], c: "é" }, '{"a": 1, "b": [1, 2], "c": "\\u00e9"}'],
    ["None as str()", null, "None"],
  ])("the generic resolver formats %s", (_name, value, text) => {
    expect(stringifyValue(value)).toBe(text);
  });

  it("str() of a container is its repr", () => {
    expect(pyStr({ k: [true, "it's"] })).toBe(`{'k': [True, "it's"]}`);
  });
});
