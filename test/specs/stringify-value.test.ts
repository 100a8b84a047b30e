import { describe, expect, it } from "vitest";
import type { ConfigValue } from "../../src/config/pipeline-config.js";
import { stringifyValue } from "../../src/specs/stringify-value.js";

describe("stringifyValue (as the SageMaker step builders write env vars)", () => {
  it.each<{ name: string; value: ConfigValue; text: string }>([
    { name: "a string as it is", value: "is_abuse", text: "is_abuse" },
    { name: "an empty string", value: "", text: "" },
    { name: "a decimal as written", value: 0.7, text: "0.7" },
    { name: "an integer", value: 5, text: "5" },
    { name: "zero", value: 0, text: "0" },
    { name: "a negative number", value: -1, text: "-1" },
    { name: "a float that is whole", value: 1.0, text: "1" },
    { name: "true lower-case", value: true, text: "true" },
    { name: "false lower-case", value: false, text: "false" },
    { name: "null as str(None)", value: null, text: "None" },
    { name: "a string list comma-joined (column lists)", value: ["PAYMETH", "claim_reason", "status"], text: "PAYMETH,claim_reason,status" },
    { name: "an empty list", value: [], text: "" },
    { name: "a number list comma-joined", value: [1.0, 2.5], text: "1,2.5" },
    { name: "a mixed list comma-joined", value: ["a", 1], text: "a,1" },
    { name: "a list of lists as str() of each item", value: [["a", "b"], ["c"]], text: "['a', 'b'],['c']" },
    { name: "a dict as json.dumps", value: { a: 1, b: ["x"], c: true }, text: '{"a": 1, "b": ["x"], "c": true}' },
    { name: "an empty dict as JSON", value: {}, text: "{}" },
  ])("$name", ({ value, text }) => {
    expect(stringifyValue(value)).toBe(text);
  });
});
