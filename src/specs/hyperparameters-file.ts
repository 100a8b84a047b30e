import type { HyperparametersFileRule } from "../catalog/env-rule-schema.js";
import type { ConfigFields, ConfigValue } from "../config/pipeline-config.js";
import { isSourceNumber } from "../config/source-number.js";
import { pyJsonDumpIndented } from "./python-json-dump.js";
import { pyStr } from "./python-text.js";

export interface GeneratedFile {
  readonly name: string;
  readonly text: string;
}

/** The files a builder would upload for one input, and the config source they are made from. */
export interface GeneratedInput {
  readonly input: string;
  /** `config:hyperparameters`, or `config:cat_field_list,label_name,...` for chosen fields. */
  readonly generatedFrom: `config:${string}`;
  readonly files: readonly GeneratedFile[];
}

/**
 * The hyperparameters file(s) of one step, from its effective config; undefined when the config has no
 * such block (cursus then uploads nothing and the script reads its own copy, if any).
 */
export function hyperparametersFile(rule: HyperparametersFileRule, fields: ConfigFields): GeneratedInput | undefined {
  let content: ConfigValue;
  let generatedFrom: `config:${string}`;
  if (rule.block !== undefined) {
    const block = fields[rule.block];
    if (block === undefined || block === null || typeof block !== "object" || Array.isArray(block) || isSourceNumber(block)) return undefined;
    content = plainDict(block);
    generatedFrom = `config:${rule.block}`;
  } else {
    const chosen: Record<string, ConfigValue> = {};
    for (const f of rule.fields ?? []) {
      const value = fields[f.field] ?? (f.default as ConfigValue | undefined);
      if (value !== undefined) chosen[f.field] = plainDict(value);
    }
    content = chosen;
    generatedFrom = `config:${(rule.fields ?? []).map((f) => f.field).join(",")}`;
  }
  const text = pyJsonDumpIndented(content, rule.ensure_ascii);
  const names = rule.names.flatMap((template) => {
    const name = fillName(template, fields);
    return name === undefined ? [] : [name];
  });
  return { input: rule.input, generatedFrom, files: [...new Set(names)].map((name) => ({ name, text })) };
}

/** `model_dump()` gives nested config objects as plain dicts, without the class marker the saved config adds. */
function plainDict(value: ConfigValue): ConfigValue {
  if (Array.isArray(value)) return value.map(plainDict);
  if (value === null || typeof value !== "object" || isSourceNumber(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "__model_type__").map(([k, v]) => [k, plainDict(v)]));
}

function fillName(template: string, fields: ConfigFields): string | undefined {
  let missing = false;
  const name = template.replace(/\{([A-Za-z0-9_.]+?)(_upper)?\}/g, (_all, field: string, upper: string | undefined) => {
    const value = fields[field];
    if (value === undefined || value === null || value === "") {
      missing = true;
      return "";
    }
    const text = pyStr(value);
    return upper === undefined ? text : text.toUpperCase();
  });
  return missing ? undefined : name;
}
