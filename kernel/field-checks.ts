import type { ConfigFields, ConfigValue } from "../src/config/pipeline-config.js";
import { isSourceNumber } from "../src/config/source-number.js";
import type { Problem } from "../src/errors.js";
import type { TestingFactory } from "../src/factory/testing-factory.js";
import { overrideValueCheck, type FieldCheck, type FieldKind } from "../src/specs/override-value-check.js";
import type { ScriptOverrides } from "../src/specs/script-overrides.js";

export type { FieldCheck, FieldKind };

function configValueAt(fields: ConfigFields, dotted: string): ConfigValue | undefined {
  let value: ConfigValue | undefined = fields as ConfigValue;
  for (const part of dotted.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || isSourceNumber(value)) return undefined;
    value = (value as Record<string, ConfigValue>)[part];
  }
  return value;
}

function kindOf(value: ConfigValue | undefined): FieldKind {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number" || isSourceNumber(value)) return "number";
  return "text";
}

/** One check per form field (`env.MAX_DEPTH`, `args.--job_type`, `inputs.DATA`), from the node's derived values. */
export function fieldChecks(factory: TestingFactory, node: string): Record<string, FieldCheck> {
  const req = factory.getScriptTestingRequirements(node);
  const configKey = factory.getNode(node).configKey;
  const effective = configKey === undefined ? {} : (factory.config?.steps.get(configKey)?.effective ?? {});
  const fromSource = (source: string): FieldKind => {
    if (source.startsWith("config:")) return kindOf(configValueAt(effective, source.slice("config:".length)));
    // A class default computed as a Python bool prints true/false; the script parses it back as one.
    return source.startsWith("computed:bool(") ? "boolean" : "text";
  };
  const checks: Record<string, FieldCheck> = {};
  for (const i of req.inputs) checks[`inputs.${i.logicalName}`] = { kind: "path", required: i.required };
  for (const o of req.outputs) checks[`outputs.${o.logicalName}`] = { kind: "path", required: true };
  for (const e of req.env) checks[`env.${e.name}`] = { kind: fromSource(e.source), required: e.required };
  // A job argument is a flag followed by its value: an empty value makes argparse fail before main() runs.
  for (const a of req.args) checks[`args.${a.flag}`] = { kind: a.alone === true ? "boolean" : fromSource(a.source), required: true };
  return checks;
}

/** Every value of `overrides` that breaks its field's check, as the API's problems (unknown names are the API's to report). */
export function checkOverrides(node: string, overrides: ScriptOverrides, checks: Readonly<Record<string, FieldCheck>>): Problem[] {
  const problems: Problem[] = [];
  for (const section of ["inputs", "outputs", "env", "args"] as const) {
    for (const [name, raw] of Object.entries(overrides[section] ?? {})) {
      const field = `${section}.${name}`;
      const found = overrideValueCheck(field, String(raw), checks[field] ?? { kind: "text", required: false });
      if (found !== undefined) problems.push({ node, field, ...found });
    }
  }
  return problems;
}
