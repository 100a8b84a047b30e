import { join } from "node:path";
import { packageRoot } from "../package-root.js";
import type { EnvRule } from "./env-rule-schema.js";
import { loadEnvRuleDir, type LoadedEnvRule } from "./load-env-rules.js";
import { loadInterfaceDir, type LoadedInterface } from "./load-interfaces.js";
import type { StepInterface } from "./step-interface-schema.js";

export type InterfaceOrigin = "builtin" | "user";

export interface CatalogEntry {
  readonly stepType: string;
  readonly stepInterface: StepInterface;
  readonly file: string;
  readonly origin: InterfaceOrigin;
  /** The file this entry replaced, when a user folder overrides a step type. */
  readonly overrides: string | undefined;
}

export interface EnvRuleEntry {
  readonly configClass: string;
  readonly rule: EnvRule;
  readonly file: string;
  readonly origin: InterfaceOrigin;
  readonly overrides: string | undefined;
}

export interface StepCatalog {
  readonly entries: ReadonlyMap<string, CatalogEntry>;
  /** Env values and job arguments per config class (`*.env.yaml`), keyed by class name. */
  readonly envRules: ReadonlyMap<string, EnvRuleEntry>;
  /** Every override, so CLI, notebook and report can show them. */
  readonly overrides: readonly CatalogEntry[];
  /** Env tables a user folder replaced. */
  readonly envRuleOverrides: readonly EnvRuleEntry[];
  readonly interfacesDirs: readonly string[];
}

export const builtinCatalogDir = join(packageRoot, "catalog");
export const builtinEnvRulesDir = join(builtinCatalogDir, "env-rules");

/** Built-in interfaces first, then each user folder in order; a later definition of a step type wins, visibly. */
export function buildCatalog(
  interfacesDirs: readonly string[] = [],
  builtinDir: string = builtinCatalogDir,
  builtinRulesDir: string = builtinDir === builtinCatalogDir ? builtinEnvRulesDir : join(builtinDir, "env-rules"),
): StepCatalog {
  const entries = new Map<string, CatalogEntry>();
  const overrides: CatalogEntry[] = [];
  const add = (loaded: readonly LoadedInterface[], origin: InterfaceOrigin): void => {
    for (const { file, stepInterface } of loaded) {
      const stepType = stepInterface.step_type;
      const previous = entries.get(stepType);
      const entry: CatalogEntry = { stepType, stepInterface, file, origin, overrides: previous?.file };
      entries.set(stepType, entry);
      if (previous !== undefined) overrides.push(entry);
    }
  };
  const envRules = new Map<string, EnvRuleEntry>();
  const envRuleOverrides: EnvRuleEntry[] = [];
  const addRules = (loaded: readonly LoadedEnvRule[], origin: InterfaceOrigin): void => {
    for (const { file, rule } of loaded) {
      const previous = envRules.get(rule.config_class);
      const entry: EnvRuleEntry = { configClass: rule.config_class, rule, file, origin, overrides: previous?.file };
      envRules.set(rule.config_class, entry);
      if (previous !== undefined) envRuleOverrides.push(entry);
    }
  };
  add(loadInterfaceDir(builtinDir), "builtin");
  addRules(loadEnvRuleDir(builtinRulesDir), "builtin");
  for (const dir of interfacesDirs) {
    add(loadInterfaceDir(dir), "user");
    addRules(loadEnvRuleDir(dir), "user");
  }
  return { entries, envRules, overrides, envRuleOverrides, interfacesDirs };
}

export function lookupEnvRule(catalog: StepCatalog, configClass: string | undefined): EnvRule | undefined {
  return configClass === undefined ? undefined : catalog.envRules.get(configClass)?.rule;
}

export function lookupStep(catalog: StepCatalog, stepType: string): CatalogEntry | undefined {
  const exact = catalog.entries.get(stepType);
  if (exact !== undefined) return exact;
  const lower = stepType.toLowerCase();
  for (const entry of catalog.entries.values()) if (entry.stepType.toLowerCase() === lower) return entry;
  return undefined;
}
