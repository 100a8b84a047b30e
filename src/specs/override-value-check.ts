import * as msg from "../messages.js";

/**
 * What a form field may hold, judged from the config value it overrides: an env var derived from a number
 * field must stay a number, or the script fails at run time, long after Apply said yes. Pure, so the
 * kernel's channel and the browser form apply one rule with one set of messages.
 */
export type FieldKind = "number" | "boolean" | "text" | "path";

export interface FieldCheck {
  readonly kind: FieldKind;
  readonly required: boolean;
}

/** The problem with one value, or undefined when it fits. */
export function overrideValueCheck(field: string, value: string, check: FieldCheck): { message: string; fix: string } | undefined {
  if (value.includes("\u0000")) return { message: msg.formEditNulInValue(field), fix: msg.formEditNulInValueFix() };
  if (value.trim() === "") return check.required ? { message: msg.valueEmpty(field), fix: msg.valueEmptyFix() } : undefined;
  if (check.kind === "number" && !Number.isFinite(Number(value))) return { message: msg.valueNotNumber(field, value), fix: msg.valueNotNumberFix() };
  if (check.kind === "boolean" && value !== "true" && value !== "false") return { message: msg.valueNotBoolean(field, value), fix: msg.valueNotBooleanFix() };
  return undefined;
}
