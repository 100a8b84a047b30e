import type { ArgEntry, Condition, EnvEntry, EnvRule, Format } from "../catalog/env-rule-schema.js";
import type { ConfigFields, ConfigValue } from "../config/pipeline-config.js";
import { pyJsonDumps, pyStr, pyTruthy } from "./python-text.js";
import { stringifyValue } from "./stringify-value.js";

/** A value a config class computes; `value: null` is its "omit", so the interface default applies. */
export interface ComputedValue {
  readonly value: string | null;
  readonly source: string;
}

export interface ComputedArg {
  readonly flag: string;
  /** "" for a flag that stands alone. */
  readonly value: string;
  readonly source: string;
  /** A flag passed without a value (`--include-examples`), as argparse's `store_true` reads it. */
  readonly alone?: true;
}

/** `hyperparameters.id_name` reaches into nested objects; undefined when any step is absent. */
export function fieldValue(fields: ConfigFields, path: string): ConfigValue | undefined {
  let current: ConfigValue | undefined = fields as ConfigValue;
  for (const part of path.split(".")) {
    if (current === null || current === undefined || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, ConfigValue>)[part];
  }
  return current;
}

interface Found {
  readonly field: string;
  readonly value: ConfigValue;
  readonly fromDefault: boolean;
}

/** The first of the entry's fields the config sets, else the class default the table records. */
function findField(fields: ConfigFields, names: readonly string[], fallback: unknown): Found | undefined {
  for (const field of names) {
    const value = fieldValue(fields, field);
    if (value !== undefined) return { field, value, fromDefault: false };
  }
  if (fallback !== undefined && names[0] !== undefined) return { field: names[0], value: fallback as ConfigValue, fromDefault: true };
  return undefined;
}

function holds(fields: ConfigFields, conditions: readonly Condition[]): boolean {
  return conditions.every((c) => {
    if ("truthy" in c) return pyTruthy(fieldValue(fields, c.truthy));
    if ("falsy" in c) return !pyTruthy(fieldValue(fields, c.falsy));
    const value = fieldValue(fields, c.set);
    return value !== undefined && value !== null;
  });
}

function ownConditionHolds(when: EnvEntry["when"], found: Found | undefined, fields: ConfigFields): boolean {
  if (when === undefined) return true;
  if (when === "truthy") return pyTruthy(found?.value);
  if (when === "set") return found !== undefined && found.value !== null;
  return holds(fields, when);
}

function format(value: ConfigValue, as: Format): string {
  switch (as) {
    case "str":
      return pyStr(value);
    case "lower":
      return pyStr(value).toLowerCase();
    case "bool":
      return pyTruthy(value) ? "true" : "false";
    case "json":
      return pyJsonDumps(value);
    case "comma":
      return Array.isArray(value) ? value.map(pyStr).join(",") : pyStr(value);
    case "env":
      return stringifyValue(value);
  }
}

/** `config:label_name` when the text is the field as it is, else `computed:json(field)` and the like. */
function sourceOf(as: Format, field: string, fromDefault: boolean): string {
  if (fromDefault) return `computed:${as}(${field}, class default)`;
  return as === "str" || as === "env" ? `config:${field}` : `computed:${as}(${field})`;
}

/** One entry's variables; none when its condition fails or its field is unset with no class default. */
function evaluate(entry: EnvEntry, fields: ConfigFields): Array<[string, ComputedValue]> {
  if (entry.omit === true) return ownConditionHolds(entry.when, undefined, fields) ? [[entry.env, { value: null, source: "computed:omit" }]] : [];
  if (entry.value !== undefined) return ownConditionHolds(entry.when, undefined, fields) ? [[entry.env, { value: entry.value, source: "computed:constant" }]] : [];
  if (entry.each !== undefined) {
    const dict = fieldValue(fields, entry.each);
    if (dict === null || dict === undefined || typeof dict !== "object" || Array.isArray(dict) || !ownConditionHolds(entry.when, undefined, fields)) return [];
    return Object.entries(dict as Record<string, ConfigValue>).map(([key, item]) => [
      entry.env.replaceAll("{KEY_UPPER}", key.toUpperCase()).replaceAll("{KEY}", key),
      { value: format(item, entry.as), source: `config:${entry.each}.${key}` },
    ]);
  }
  if (entry.concat !== undefined) {
    if (!ownConditionHolds(entry.when, undefined, fields)) return [];
    const items: ConfigValue[] = [];
    for (const field of entry.concat) {
      const value = fieldValue(fields, field);
      for (const item of Array.isArray(value) ? value : [value ?? null]) {
        if (pyTruthy(item) && !items.some((seen) => pyStr(seen) === pyStr(item))) items.push(item);
      }
    }
    if (items.length === 0 && entry.or !== undefined) return [[entry.env, { value: entry.or, source: "computed:constant" }]];
    return [[entry.env, { value: format(items, entry.as), source: `computed:${entry.as}(${entry.concat.join("+")})` }]];
  }
  const found = findField(fields, entry.from ?? [], entry.default);
  if (!ownConditionHolds(entry.when, found, fields)) return [];
  if (entry.or !== undefined && !pyTruthy(found?.value)) return [[entry.env, { value: entry.or, source: "computed:constant" }]];
  if (found === undefined) return [];
  return [[entry.env, { value: format(found.value, entry.as), source: sourceOf(entry.as, found.field, found.fromDefault) }]];
}

/**
 * The variables a config class computes, in table order. Several entries may name one variable: the first
 * that applies wins (an if/elif in the Python). With `collector: declared` only declared names count.
 */
export function computeEnv(rule: EnvRule, fields: ConfigFields): Map<string, ComputedValue> {
  const out = new Map<string, ComputedValue>();
  for (const entry of rule.env) {
    for (const [name, computed] of evaluate(entry, fields)) if (!out.has(name)) out.set(name, computed);
  }
  return out;
}

/** The names a table speaks for, so a `declared` class's entry that yields nothing still stops the convention. */
export function namesOf(rule: EnvRule): ReadonlySet<string> {
  return new Set(rule.env.filter((e) => e.each === undefined).map((e) => e.env));
}

/** The class's `get_job_arguments()`: flag-value pairs, an argument left out when its field is unset. */
export function computeJobArgs(rule: EnvRule, fields: ConfigFields): ComputedArg[] {
  const out: ComputedArg[] = [];
  for (const arg of rule.job_arguments) out.push(...evaluateArg(arg, fields));
  return out;
}

function evaluateArg(arg: ArgEntry, fields: ConfigFields): ComputedArg[] {
  if (arg.passthrough !== undefined) {
    const list = fieldValue(fields, arg.passthrough);
    if (!Array.isArray(list) || list.length === 0) return [];
    return pairUp(list.map(pyStr), `config:${arg.passthrough}`);
  }
  const flag = arg.flag!;
  const found = arg.from === undefined ? undefined : findField(fields, arg.from, arg.default);
  if (!ownConditionHolds(arg.when, found, fields)) return [];
  if (arg.from === undefined) return [{ flag, value: "", source: "computed:flag", alone: true }];
  if (found === undefined || found.value === null) return [];
  return [{ flag, value: pyStr(found.value), source: sourceOf("str", found.field, found.fromDefault) }];
}

/** `["--a", "1", "--b"]` as flags with their values; a flag followed by another flag stands alone. */
function pairUp(words: readonly string[], source: string): ComputedArg[] {
  const out: ComputedArg[] = [];
  for (let i = 0; i < words.length; i++) {
    const flag = words[i]!;
    const next = words[i + 1];
    if (next !== undefined && !next.startsWith("-")) {
      out.push({ flag, value: next, source });
      i++;
    } else out.push({ flag, value: "", source, alone: true });
  }
  return out;
}
