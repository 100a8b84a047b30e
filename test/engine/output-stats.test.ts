import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parquetWriteFile } from "hyparquet-writer";
import { countCsvRows, countParquetRows, describeOutput } from "../../src/engine/output-stats.js";
import { tempDir } from "../helpers/fixtures.js";

describe("countCsvRows", () => {
  const { dir, cleanup } = tempDir("cursus-lab-rows-");
  afterAll(cleanup);

  it.each([
    ["a header and two rows", "data.csv", "id,label\n1,0\n2,1\n", 2],
    ["no newline after the last row", "data.csv", "id,label\n1,0\n2,1", 2],
    ["a newline inside a quoted field", "data.csv", 'id,text\n1,"two\nlines"\n2,plain\n', 2],
    ["a header only", "data.csv", "id,label\n", 0],
    ["an empty file", "data.csv", "", 0],
    ["a headerless inference payload line", "payload.csv", "0.5,12,-3e-2\n", 1],
    ["headerless rows with a text column", "rows.csv", "abc,1.5\ndef,2\n", 2],
    ["CRLF line ends", "data.csv", "id,label\r\n1,0\r\n", 1],
    ["a TSV with a header", "data.tsv", "id\tlabel\n1\t0\n", 1],
    ["a headerless TSV", "data.tsv", "7\t0\n8\t1\n", 2],
  ])("counts %s", async (_case, name, text, expected) => {
    const file = join(dir, `${expected}-${name}`);
    writeFileSync(file, text);
    expect(await countCsvRows(file)).toBe(expected);
  });

  it("finds the header of a first line longer than one read chunk", async () => {
    const columns = Array.from({ length: 20_000 }, (_, i) => `feature_${i}`);
    const file = join(dir, "wide.csv");
    writeFileSync(file, `${columns.join(",")}\n${columns.map((_, i) => i).join(",")}\n`);
    expect(await countCsvRows(file)).toBe(1);
  });

  it("is not asked for files other than CSV and TSV", async () => {
    writeFileSync(join(dir, "model.json"), "{}\n");
    const output = await describeOutput("out", dir);
    expect(output.files.find((f) => f.path === "model.json")).toEqual({ path: "model.json", bytes: 3 });
  });
});

describe("countParquetRows", () => {
  const { dir, cleanup } = tempDir("cursus-lab-parquet-");
  afterAll(cleanup);

  it("reads the row count from the footer of a file written in several row groups", async () => {
    const file = join(dir, "part-0.parquet");
    const ids = Array.from({ length: 2_500 }, (_, i) => i);
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: "id", data: ids, type: "INT32" },
        { name: "score", data: ids.map((i) => i / 2_500), type: "DOUBLE" },
      ],
      rowGroupSize: 1_000,
    });
    expect(await countParquetRows(file)).toBe(2_500);
    const output = await describeOutput("processed_data", dir);
    expect(output.files).toEqual([expect.objectContaining({ path: "part-0.parquet", rows: 2_500 })]);
  });

  it("gives no count for a file that is not Parquet, without failing", async () => {
    const file = join(dir, "broken.parquet");
    writeFileSync(file, "id,label\n1,0\n");
    expect(await countParquetRows(file)).toBeUndefined();
  });
});
