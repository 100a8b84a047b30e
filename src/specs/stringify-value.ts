import type { ConfigValue } from "../config/pipeline-config.js";

/**
 * A config value as the SageMaker step builders put it in an env var: numbers as they are, booleans
 * lower-case, string lists comma-joined (column lists), anything else structured as JSON (categories, dicts).
 */
export function stringifyValue(value: ConfigValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join(",");
  return JSON.stringify(value);
}
