import type { ConfigValue } from "../config/pipeline-config.js";
import { isSourceNumber } from "../config/source-number.js";
import { pyJsonDumps, pyStr } from "./python-text.js";

/**
 * A config field as cursus's generic env resolver formats it (`NAME` -> field `name`): booleans
 * lower-case, lists and tuples comma-joined from `str()` of each item, dicts as `json.dumps`, anything
 * else `str()`. Numbers keep their Python text.
 */
export function stringifyValue(value: ConfigValue): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return value.map(pyStr).join(",");
  if (value !== null && typeof value === "object" && !isSourceNumber(value)) return pyJsonDumps(value);
  return pyStr(value);
}
