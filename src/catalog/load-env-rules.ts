import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { CursusLabError } from "../errors.js";
import { noteConsulted } from "../io/consults.js";
import { readYamlFile } from "../io/read-yaml-file.js";
import { parseWith } from "../io/zod-issues.js";
import * as msg from "../messages.js";
import { envRuleSchema, type EnvRule } from "./env-rule-schema.js";

export interface LoadedEnvRule {
  readonly file: string;
  readonly rule: EnvRule;
}

export function loadEnvRuleFile(file: string): LoadedEnvRule {
  return { file, rule: parseWith(envRuleSchema, readYamlFile(file, "env table"), file, "env table", msg.envRuleShape) };
}

/**
 * Every `*.env.yaml` directly in `dir`, sorted by name. A missing folder holds no tables: interface
 * folders are checked where they are loaded, and most of them carry no env tables at all.
 */
export function loadEnvRuleDir(dir: string): LoadedEnvRule[] {
  const folder = resolve(dir);
  noteConsulted(folder);
  if (!existsSync(folder)) return [];
  const loaded = readdirSync(folder)
    .filter((name) => name.endsWith(".env.yaml") || name.endsWith(".env.yml"))
    .sort()
    .map((name) => loadEnvRuleFile(join(folder, name)));
  const seen = new Map<string, string>();
  for (const { file, rule } of loaded) {
    const first = seen.get(rule.config_class);
    if (first !== undefined) {
      throw new CursusLabError("ENV_RULE_DUPLICATE", msg.duplicateEnvRule(rule.config_class, first, file), msg.duplicateEnvRuleHint(), { file });
    }
    seen.set(rule.config_class, file);
  }
  return loaded;
}
