import { parse as parseYaml, YAMLParseError } from "yaml";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import { parseRemembered } from "./parse-memo.js";
import { readTextFile } from "./read-json-file.js";

/** Reads and parses a YAML file, naming the file and line of a syntax error. */
export function readYamlFile(file: string, what: string): unknown {
  const text = readTextFile(file, what);
  try {
    return parseRemembered(text, "yaml", (t) => parseYaml(t) as unknown);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : "";
    throw new CursusLabError("INVALID_YAML", msg.invalidYaml(file, where, String((error as Error).message)), msg.invalidYamlHint(), {
      file,
      cause: error,
    });
  }
}
