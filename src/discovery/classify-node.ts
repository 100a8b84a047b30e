import { lookupStep, type StepCatalog } from "../catalog/step-catalog.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import { isBaseBlock, jobTypeOf, stepTypeOf, stripJobType } from "../config/step-identity.js";
import * as msg from "../messages.js";
import { badEntryPointOf, entryPointOf, findScript, type ScriptSearch } from "./find-script.js";
import type { NodeBase, NodeDiscovery } from "./node-discovery.js";
import { resolveConfig } from "./resolve-config.js";
import { SCRIPT_STEP_TYPES } from "./script-step-types.js";

const INFERRED_STEP_TYPE = { processing_entry_point: "Processing", training_entry_point: "Training" } as const;

export interface ClassifyContext extends ScriptSearch {
  readonly config: PipelineConfig;
  readonly catalog: StepCatalog;
}

/** One DAG node: script node (runnable here), phantom (nothing to run, and why), or error (and the fix). */
export function classifyNode(node: string, ctx: ClassifyContext): NodeDiscovery {
  const resolution = resolveConfig(node, ctx.config);
  if (!resolution.found) {
    const ambiguous = resolution.ambiguous.length > 0;
    return {
      name: node,
      stepType: stripJobType(node),
      status: "error",
      reasonCode: ambiguous ? "ambiguous-config" : "no-config",
      reason: ambiguous ? msg.ambiguousConfig(node, resolution.ambiguous) : msg.noConfig(node, resolution.suggestions),
      hint: ambiguous ? msg.ambiguousConfigHint(node) : msg.noConfigHint(node),
      suggestions: ambiguous ? resolution.ambiguous : resolution.suggestions,
    };
  }
  const { step, match } = resolution;
  const stepType = stepTypeOf(step);
  const entry = lookupStep(ctx.catalog, stepType);
  const entryPoint = entryPointOf(step.effective);
  const sagemakerStepType =
    entry?.stepInterface.registry.sagemaker_step_type ?? (entryPoint === undefined ? undefined : INFERRED_STEP_TYPE[entryPoint.field as keyof typeof INFERRED_STEP_TYPE]);
  const jobType = jobTypeOf(step);
  const base: NodeBase = {
    name: node,
    stepType,
    configKey: step.key,
    configMatch: match,
    ...(step.className === undefined ? {} : { configClass: step.className }),
    ...(jobType === undefined ? {} : { jobType }),
    ...(sagemakerStepType === undefined ? {} : { sagemakerStepType }),
    ...(entry === undefined ? {} : { interfaceFile: entry.file, interfaceOrigin: entry.origin }),
  };

  // A number or list where a file name belongs is a typo, not "no entry point": never a silent phantom.
  const badEntry = badEntryPointOf(step.effective);
  if (badEntry !== undefined) {
    return { ...base, status: "error", reasonCode: "bad-entry-point", reason: msg.badEntryPoint(node, step.key, badEntry.field, badEntry.value), hint: msg.badEntryPointHint(step.key, badEntry.field) };
  }
  if (isBaseBlock(step)) return { ...base, status: "phantom", reasonCode: "base-config", reason: msg.phantomBaseConfig(step.key, step.className) };

  const servingHandler = step.effective["inference_entry_point"];
  if (sagemakerStepType !== undefined && !SCRIPT_STEP_TYPES.has(sagemakerStepType) && (entryPoint !== undefined || typeof servingHandler === "string")) {
    const declared = entryPoint?.value ?? (servingHandler as string);
    return {
      ...base,
      status: "phantom",
      reasonCode: "runs-no-local-script",
      reason: msg.phantomNoLocalScript(stepType, sagemakerStepType, entryPoint === undefined ? { field: "inference_entry_point", value: declared } : entryPoint),
      entryPoint: declared,
    };
  }
  if (entryPoint === undefined) {
    return { ...base, status: "phantom", reasonCode: "no-entry-point", reason: msg.phantomNoEntryPoint(stepType, sagemakerStepType) };
  }

  const lookup = findScript(entryPoint.value, step.effective, ctx);
  if (!lookup.found) {
    return {
      ...base,
      status: "error",
      reasonCode: "script-not-found",
      reason: msg.scriptNotFound(entryPoint.value, entryPoint.field, lookup.tried),
      hint: msg.scriptNotFoundHintFor(entryPoint.value, ctx.caller ?? "api"),
      entryPoint: entryPoint.value,
      pathsTried: lookup.tried,
    };
  }
  const warnings: string[] = [];
  if (entry === undefined) warnings.push(msg.noInterfaceWarningFor(stepType, ctx.caller ?? "api"));
  if (match !== "exact") warnings.push(msg.looseConfigMatch(node, step.key, match));
  if (lookup.movedFrom !== undefined) warnings.push(msg.scriptFoundInProjectCopy(entryPoint.value, lookup.movedFrom, lookup.path));
  return {
    ...base,
    status: "script",
    entryPoint: entryPoint.value,
    entryPointField: entryPoint.field,
    scriptPath: lookup.path,
    pathsTried: lookup.tried,
    warnings,
  };
}
