import { resolve } from "node:path";
import type { ConfigPathRule } from "../catalog/env-rule-schema.js";
import type { ConfigFields } from "../config/pipeline-config.js";
import { fieldValue } from "./apply-env-rule.js";

/**
 * The folder a step mounts a config-sourced input from, as its config class computes it, or undefined
 * where the class gives None (its path field unset): the input is then fed as any other.
 */
export function configSourcedPath(rule: ConfigPathRule, fields: ConfigFields, projectRoot: string): string | undefined {
  const firstSet = (names: readonly string[]): string | undefined =>
    names.map((name) => fieldValue(fields, name)).find((v): v is string => typeof v === "string" && v.trim() !== "");
  const path = firstSet(rule.from) ?? rule.or;
  if (path === undefined) return undefined;
  if (rule.under === undefined) return resolve(projectRoot, path);
  const under = firstSet(rule.under);
  return under === undefined ? undefined : resolve(projectRoot, under, path);
}
