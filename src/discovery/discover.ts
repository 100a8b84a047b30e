import type { StepCatalog } from "../catalog/step-catalog.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import type { Dag } from "../dag/dag.js";
import * as msg from "../messages.js";
import { classifyNode } from "./classify-node.js";
import { classifyWithoutConfig } from "./classify-without-config.js";
import type { ScriptSearch } from "./find-script.js";
import type { Discovery } from "./node-discovery.js";

/**
 * Classifies every DAG node, in topological order. Without a config (DAG-only mode) the step type comes
 * from the node name and the catalog, and phantoms cannot be ruled out: that is said once, as a warning.
 */
export function discover(dag: Dag, config: PipelineConfig | undefined, catalog: StepCatalog, search: ScriptSearch): Discovery {
  const nodes = config === undefined ? dag.order.map((node) => classifyWithoutConfig(node, catalog)) : dag.order.map((node) => classifyNode(node, { config, catalog, ...search }));
  const count = (status: string): number => nodes.filter((n) => n.status === status).length;
  return {
    nodes,
    warnings: config === undefined ? [msg.dagOnlyWarning()] : [],
    summary: { dagNodes: nodes.length, scriptNodes: count("script"), phantoms: count("phantom"), errors: count("error"), unverified: count("unverified") },
  };
}
