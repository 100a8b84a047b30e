import { join } from "node:path";
import { packageRoot } from "../package-root.js";
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

export interface StepCatalog {
  readonly entries: ReadonlyMap<string, CatalogEntry>;
  /** Every override, so CLI, notebook and report can show them. */
  readonly overrides: readonly CatalogEntry[];
  readonly interfacesDirs: readonly string[];
}

export const builtinCatalogDir = join(packageRoot, "catalog");

/** Built-in interfaces first, then each user folder in order; a later definition of a step type wins, visibly. */
export function buildCatalog(interfacesDirs: readonly string[] = [], builtinDir: string = builtinCatalogDir): StepCatalog {
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
  add(loadInterfaceDir(builtinDir), "builtin");
  for (const dir of interfacesDirs) add(loadInterfaceDir(dir), "user");
  return { entries, overrides, interfacesDirs };
}

export function lookupStep(catalog: StepCatalog, stepType: string): CatalogEntry | undefined {
  const exact = catalog.entries.get(stepType);
  if (exact !== undefined) return exact;
  const lower = stepType.toLowerCase();
  for (const entry of catalog.entries.values()) if (entry.stepType.toLowerCase() === lower) return entry;
  return undefined;
}
