import type { StepCatalog } from "../catalog/step-catalog.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import type { Dag } from "../dag/dag.js";
import { classifyNode } from "./classify-node.js";
import type { ScriptSearch } from "./find-script.js";
import type { Discovery } from "./node-discovery.js";

/** Classifies every DAG node, in topological order. */
export function discover(dag: Dag, config: PipelineConfig, catalog: StepCatalog, search: ScriptSearch): Discovery {
  const ctx = { config, catalog, ...search };
  const nodes = dag.order.map((node) => classifyNode(node, ctx));
  const count = (status: string): number => nodes.filter((n) => n.status === status).length;
  return {
    nodes,
    summary: { dagNodes: nodes.length, scriptNodes: count("script"), phantoms: count("phantom"), errors: count("error") },
  };
}
