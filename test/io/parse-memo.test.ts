import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readYamlFile } from "../../src/io/read-yaml-file.js";
import { tempDir } from "../helpers/fixtures.js";

describe("parsed YAML remembered across processes", () => {
  let cache: string;
  let saved: string | undefined;
  const made: string[] = [];
  const scratch = (prefix: string): string => {
    const dir = tempDir(prefix).dir;
    made.push(dir);
    return dir;
  };
  beforeEach(() => {
    saved = process.env["CURSUS_LAB_CACHE"];
    cache = scratch("parse-memo-");
    process.env["CURSUS_LAB_CACHE"] = cache;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env["CURSUS_LAB_CACHE"];
    else process.env["CURSUS_LAB_CACHE"] = saved;
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const entries = (): string[] => (existsSync(join(cache, "parsed")) ? readdirSync(join(cache, "parsed")) : []);
  const yamlFile = (text: string): string => {
    const file = join(scratch("parse-memo-src-"), "interface.step.yaml");
    writeFileSync(file, text);
    return file;
  };

  it("answers a second read of the same text from the memo, not from the parser", () => {
    const file = yamlFile("step: A\nvalues: [1, 2]\n");
    expect(readYamlFile(file, "test")).toEqual({ step: "A", values: [1, 2] });
    expect(entries()).toHaveLength(1);
    // An entry whose value differs from the text's proves the second read took it from the memo.
    writeFileSync(join(cache, "parsed", entries()[0]!), JSON.stringify({ value: { from: "memo" } }));
    expect(readYamlFile(file, "test")).toEqual({ from: "memo" });
  });

  it("parses an edited file again: entries are named by the text itself", () => {
    const file = yamlFile("step: A\n");
    expect(readYamlFile(file, "test")).toEqual({ step: "A" });
    writeFileSync(file, "step: B\n");
    expect(readYamlFile(file, "test")).toEqual({ step: "B" });
    expect(entries()).toHaveLength(2);
  });

  it("parses again when an entry is torn or not an entry", () => {
    const file = yamlFile("step: A\n");
    readYamlFile(file, "test");
    for (const torn of ['{"value": {"st', "[]", ""]) {
      writeFileSync(join(cache, "parsed", entries()[0]!), torn);
      expect(readYamlFile(file, "test")).toEqual({ step: "A" });
    }
  });

  it("keeps values JSON cannot carry out of the memo", () => {
    const file = yamlFile("limit: .inf\n");
    expect(readYamlFile(file, "test")).toEqual({ limit: Infinity });
    expect(entries()).toHaveLength(0);
  });

  it("still reads when the cache folder cannot be written", () => {
    process.env["CURSUS_LAB_CACHE"] = join(scratch("parse-memo-file-"), "not-a-folder");
    writeFileSync(process.env["CURSUS_LAB_CACHE"], "a file where the folder should be");
    const file = yamlFile("step: A\n");
    expect(readYamlFile(file, "test")).toEqual({ step: "A" });
  });
});
