import { distance } from "fastest-levenshtein";
import type { PipelineConfig, StepConfig } from "../config/pipeline-config.js";
import { isBaseBlock, jobTypeOf, jobTypeSuffix, stepTypeOf, stripJobType } from "../config/step-identity.js";

export type ConfigMatchKind = "exact" | "case-insensitive" | "step-type";

export type ConfigResolution =
  | { readonly found: true; readonly step: StepConfig; readonly match: ConfigMatchKind }
  | { readonly found: false; readonly ambiguous: readonly string[]; readonly suggestions: readonly string[] };

/**
 * Node -> config block, in the order cursus users expect: exact key, case-insensitive key, then the single
 * block of the same step type and job type. Never "the first block in the file": that tests the wrong step.
 */
export function resolveConfig(node: string, config: PipelineConfig): ConfigResolution {
  const exact = config.steps.get(node);
  if (exact !== undefined) return { found: true, step: exact, match: "exact" };

  const lower = node.toLowerCase();
  const steps = [...config.steps.values()];
  const caseless = steps.filter((s) => s.key.toLowerCase() === lower);
  if (caseless.length === 1) return { found: true, step: caseless[0]!, match: "case-insensitive" };

  const nodeType = stripJobType(node).toLowerCase();
  const nodeJob = jobTypeSuffix(node);
  const sameType = steps.filter((s) => !isBaseBlock(s) && stepTypeOf(s).toLowerCase() === nodeType);
  const candidates = sameType.filter((s) => nodeJob === undefined || jobTypeOf(s) === nodeJob);
  if (candidates.length === 1) return { found: true, step: candidates[0]!, match: "step-type" };

  return {
    found: false,
    ambiguous: candidates.length > 1 ? candidates.map((s) => s.key) : [],
    suggestions: closestKeys(node, steps, sameType),
  };
}

/** Same step type first, then by edit distance; base blocks are never suggested. */
function closestKeys(node: string, steps: readonly StepConfig[], sameType: readonly StepConfig[]): string[] {
  const lower = node.toLowerCase();
  const ranked = steps
    .filter((s) => !isBaseBlock(s) && !sameType.includes(s))
    .map((s) => ({ key: s.key, d: distance(lower, s.key.toLowerCase()) }))
    .filter(({ key, d }) => d <= Math.max(3, Math.floor(Math.max(key.length, node.length) / 2)))
    .sort((a, b) => a.d - b.d || a.key.localeCompare(b.key))
    .map(({ key }) => key);
  return [...sameType.map((s) => s.key), ...ranked].slice(0, 3);
}
