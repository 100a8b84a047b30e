import { readFileSync } from "node:fs";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";

/** Reads a file as text, turning "no such file" and friends into one readable error. */
export function readTextFile(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    throw new CursusLabError("FILE_UNREADABLE", msg.fileUnreadable(what, file, code), msg.fileUnreadableHint(what), {
      file,
      cause: error,
    });
  }
}

/** Parses JSON text, naming the file, line and column of a syntax error. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    const where = position?.[1] === undefined ? "" : ` at ${lineAndColumn(text, Number(position[1]))}`;
    throw new CursusLabError("INVALID_JSON", msg.invalidJson(file, where, detail), msg.invalidJsonHint(), { file, cause: error });
  }
}

export function readJsonFile(file: string, what: string): unknown {
  return parseJsonText(readTextFile(file, what), file);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}
