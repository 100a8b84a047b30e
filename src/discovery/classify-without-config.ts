import { lookupStep, type StepCatalog } from "../catalog/step-catalog.js";
import { jobTypeSuffix, stripJobType } from "../config/step-identity.js";
import * as msg from "../messages.js";
import { nearNames } from "../near-names.js";
import type { NodeDiscovery } from "./node-discovery.js";
import { SCRIPT_STEP_TYPES } from "./script-step-types.js";

/**
 * DAG-only mode: the node name (`<StepType>` or `<StepType>_<job_type>`) and the catalog decide. A
 * script-running step type is `unverified`, since only a config names the entry point; a step type
 * that runs no script is a phantom by type; an unknown one is an error, with the nearest step types.
 */
export function classifyWithoutConfig(node: string, catalog: StepCatalog): NodeDiscovery {
  const named = stripJobType(node);
  const entry = lookupStep(catalog, named);
  const jobType = jobTypeSuffix(node);
  const base = { name: node, stepType: entry?.stepType ?? named, ...(jobType === undefined ? {} : { jobType }) };
  if (entry === undefined) {
    const suggestions = nearNames(named, catalog.entries.keys());
    return { ...base, status: "error", reasonCode: "unknown-step-type", reason: msg.unknownStepTypeNoConfig(node, named, suggestions), hint: msg.unknownStepTypeNoConfigHint(), suggestions };
  }
  const sagemakerStepType = entry.stepInterface.registry.sagemaker_step_type;
  const known = { ...base, sagemakerStepType, interfaceFile: entry.file, interfaceOrigin: entry.origin };
  if (!SCRIPT_STEP_TYPES.has(sagemakerStepType)) {
    return { ...known, status: "phantom", reasonCode: "step-type-runs-no-script", reason: msg.phantomByStepType(entry.stepType, sagemakerStepType) };
  }
  return { ...known, status: "unverified", reasonCode: "no-config-given", reason: msg.unverifiedNoConfig() };
}
