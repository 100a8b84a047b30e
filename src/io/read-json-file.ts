import { readFileSync } from "node:fs";
import { noteConsulted } from "./consults.js";
import { parse as parseLossless } from "lossless-json";
import { SourceNumber } from "../config/source-number.js";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import { findExcessiveNesting } from "./json-depth.js";
import { findJsonSyntaxError } from "./json-syntax-error.js";

/** Far beyond any real DAG, config or settings file, and well within what the recursive readers after JSON.parse can walk. */
const MAX_JSON_DEPTH = 1000;

/** Reads a file as text, turning "no such file" and friends into one readable error. */
export function readTextFile(file: string, what: string): string {
  noteConsulted(file);
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

export interface JsonReadOptions {
  /** Numbers become `SourceNumber`s that keep their text (pipeline configs: Python reads them back). */
  readonly lossless?: boolean;
}

/** Parses JSON text, naming the file, line and column of a syntax error. */
export function parseJsonText(text: string, file: string, options: JsonReadOptions = {}): unknown {
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch (error) {
    // JSON.parse's message may quote the whole file and give no position: locate the error ourselves.
    const located = findJsonSyntaxError(text);
    const detail = located?.problem ?? (error instanceof Error ? error.message.split("\n")[0]! : String(error));
    const where = located === undefined ? "" : ` at ${lineAndColumn(text, located.offset)}`;
    throw new CursusLabError("INVALID_JSON", msg.invalidJson(file, where, detail), msg.invalidJsonHint(), { file, cause: error });
  }
  const tooDeep = findExcessiveNesting(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) throw new CursusLabError("JSON_TOO_DEEP", msg.jsonTooDeep(file, MAX_JSON_DEPTH, lineAndColumn(text, tooDeep)), msg.jsonTooDeepHint(), { file });
  if (options.lossless !== true) return plain;
  // JSON.parse has already accepted the text, so this cannot fail on syntax; a repeated key keeps the last
  // value, as JSON.parse and Python's json.loads do.
  return parseLossless(text, null, { parseNumber: (digits) => new SourceNumber(digits), onDuplicateKey: ({ newValue }) => newValue });
}

export function readJsonFile(file: string, what: string, options: JsonReadOptions = {}): unknown {
  return parseJsonText(readTextFile(file, what), file, options);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}
