import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import type { ConfigValue } from "./pipeline-config.js";
import { isSourceNumber } from "./source-number.js";

const CONTAINERS = new Set(["list", "tuple", "set"]);
const SCALARS = new Set(["datetime", "path", "enum"]);
/** The same limit files are read with. */
const MAX_DEPTH = 1000;

type Json = ConfigValue;

/**
 * Turns cursus's serialisation markers back into plain values: `{"__type_info__": "list", "value": [...]}`
 * becomes the array, `"__model_type__"` is dropped from nested objects (their class does not change the
 * values a script sees). An unknown `__type_info__` is an error: guessing would change values silently.
 */
export function decodeMarkers(value: unknown, file: string, at: string, depth = 0): Json {
  // Files are depth-checked when read; a config given in code is checked here, before recursion overflows the stack.
  if (depth > MAX_DEPTH) throw new CursusLabError("CONFIG_TOO_DEEP", msg.configTooDeep(file, at.length > 200 ? `${at.slice(0, 200)}...` : at, MAX_DEPTH), msg.configTooDeepHint(), { file });
  const next = depth + 1;
  if (Array.isArray(value)) return value.map((item, i) => decodeMarkers(item, file, `${at}[${i}]`, next));
  if (value === null || typeof value !== "object" || isSourceNumber(value)) return value as Json;
  const record = value as Record<string, unknown>;
  if (Object.hasOwn(record, "__type_info__")) {
    const kind = record["__type_info__"];
    const inner = record["value"];
    if (typeof kind === "string" && CONTAINERS.has(kind) && Array.isArray(inner)) {
      return inner.map((item, i) => decodeMarkers(item, file, `${at}.value[${i}]`, next));
    }
    if (kind === "dict" && inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
      return decodeMarkers(inner, file, `${at}.value`, next);
    }
    if (typeof kind === "string" && SCALARS.has(kind)) return decodeMarkers(inner, file, `${at}.value`, next);
    if (typeof kind === "string" && (CONTAINERS.has(kind) || kind === "dict")) {
      throw new CursusLabError("CONFIG_BAD_TYPE_INFO", msg.badTypeInfoValue(file, at, kind, inner), msg.badTypeInfoValueHint(), { file, at });
    }
    throw new CursusLabError("CONFIG_UNKNOWN_TYPE_INFO", msg.unknownTypeInfo(file, at, String(kind)), msg.unknownTypeInfoHint(), {
      file,
      at,
    });
  }
  const out: [string, Json][] = [];
  for (const [key, item] of Object.entries(record)) {
    if (key === "__model_type__") {
      checkModelType(item, file, at);
      continue;
    }
    out.push([key, decodeMarkers(item, file, `${at}.${key}`, next)]);
  }
  // fromEntries defines own properties: a "__proto__" field stays a field instead of replacing the prototype.
  return Object.fromEntries(out);
}

export function checkModelType(value: unknown, file: string, at: string): string {
  if (typeof value !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new CursusLabError("CONFIG_BAD_MODEL_TYPE", msg.badModelType(file, at, value), msg.badModelTypeHint(), { file, at });
  }
  return value;
}
