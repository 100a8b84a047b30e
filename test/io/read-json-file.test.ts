import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CursusLabError } from "../../src/errors.js";
import { findJsonSyntaxError } from "../../src/io/json-syntax-error.js";
import { readJsonFile } from "../../src/io/read-json-file.js";
import { tempDir } from "../helpers/fixtures.js";

describe("findJsonSyntaxError", () => {
  it.each([
    { name: "a trailing comma in an array", text: '{"a": [1, 2,]}', offset: 12, problem: 'expected a value, found "]"' },
    { name: "a trailing comma in an object", text: '{"a": 1,\n}', offset: 9, problem: 'expected a quoted key, found "}"' },
    { name: "a missing comma", text: '{"a": 1 "b": 2}', offset: 8, problem: 'expected "," or "}", found "\\""' },
    { name: "a single-quoted key", text: "{'a': 1}", offset: 1, problem: "expected a quoted key, found \"'\"" },
    { name: "an unterminated string", text: '{"a": "x', offset: 8, problem: 'expected a closing ", the file ends' },
    { name: "a raw line break in a string", text: '{"a": "x\ny"}', offset: 8, problem: "a line break or control character inside a string (write it as \\n)" },
    { name: "a bad escape", text: '["\\x"]', offset: 2, problem: "a bad escape \\x in a string" },
    { name: "a truncated file", text: '{"a": [1', offset: 8, problem: 'expected "," or "]", the file ends' },
    { name: "text after the value", text: "{} {}", offset: 3, problem: 'expected the end of the file after the JSON value, found "{"' },
    { name: "a bare word", text: '{"a": True}', offset: 6, problem: 'expected a value, found "T"' },
    { name: "an empty file", text: "", offset: 0, problem: "expected a value, the file ends" },
  ])("locates $name", ({ text, offset, problem }) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ offset, problem });
  });

  it.each(['{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {}}', "[]", " 0 ", '"x"'])("finds nothing wrong in valid JSON %s", (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });
});

describe("readJsonFile", () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it("names the file, line and column of a syntax error in one line", () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, '{\n  "configuration": {\n    "shared": {"a": 1,}\n  }\n}\n');
    let error: unknown;
    try {
      readJsonFile(file, "config file");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CursusLabError);
    const e = error as CursusLabError;
    expect(e.code).toBe("INVALID_JSON");
    expect(e.file).toBe(file);
    expect(e.message).toBe(`${file} is not valid JSON at line 3, column 23: expected a quoted key, found "}"`);
  });

  it("reads a valid file", () => {
    const file = join(dir, "ok.json");
    writeFileSync(file, '{"a": [1]}');
    expect(readJsonFile(file, "config file")).toEqual({ a: [1] });
  });

  it("says a folder is not a file", () => {
    expect(() => readJsonFile(dir, "DAG file")).toThrow(`DAG file is a folder, not a file: ${dir}`);
  });
});
