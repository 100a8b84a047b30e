import { existsSync } from "node:fs";
import type { StepCatalog } from "../catalog/step-catalog.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import type { Dag } from "../dag/dag.js";
import { noteConsulted } from "../io/consults.js";
import * as msg from "../messages.js";
import { classifyNode } from "./classify-node.js";
import { classifyWithoutConfig } from "./classify-without-config.js";
import { configScriptDir, entryPointOf, type ScriptSearch } from "./find-script.js";
import type { Discovery, NodeDiscovery } from "./node-discovery.js";
import { MIN_NAMES_ALIKE, projectMove, scriptFolder, type ProjectMove } from "./project-move.js";
import { resolveConfig } from "./resolve-config.js";

/**
 * Classifies every DAG node, in topological order. Without a config (DAG-only mode) the step type comes
 * from the node name and the catalog, and phantoms cannot be ruled out: that is said once, as a warning.
 */
export function discover(dag: Dag, config: PipelineConfig | undefined, catalog: StepCatalog, search: ScriptSearch): Discovery {
  let nodes = config === undefined ? dag.order.map((node) => classifyWithoutConfig(node, catalog)) : dag.order.map((node) => classifyNode(node, { config, catalog, ...search }));
  // A script missing from the folder its config names may be in this machine's copy of the config's
  // project, which the scripts found elsewhere tell: those nodes are looked for again there.
  if (config !== undefined && nodes.some((n) => n.status === "error" && n.reasonCode === "script-not-found")) {
    const moves = projectMoves(nodes, config, search.projectRoot);
    if (moves.length > 0) nodes = nodes.map((n) => (n.status === "error" && n.reasonCode === "script-not-found" ? classifyNode(n.name, { config, catalog, ...search, moves }) : n));
  }
  const count = (status: string): number => nodes.filter((n) => n.status === status).length;
  return {
    nodes,
    warnings: config === undefined ? [msg.dagOnlyWarning()] : [],
    summary: { dagNodes: nodes.length, scriptNodes: count("script"), phantoms: count("phantom"), errors: count("error"), unverified: count("unverified") },
  };
}

/**
 * The moves of the config's project that its found scripts show: a script found outside the folder its
 * config names, which is not on this machine, with two folder names alike at the end of both.
 */
function projectMoves(nodes: readonly NodeDiscovery[], config: PipelineConfig, projectRoot: string): ProjectMove[] {
  const moves = new Map<string, ProjectMove>();
  for (const node of nodes) {
    if (node.status !== "script") continue;
    const resolution = resolveConfig(node.name, config);
    if (!resolution.found) continue;
    const [configDir, entry] = [configScriptDir(resolution.step.effective, projectRoot), entryPointOf(resolution.step.effective)];
    if (configDir === undefined || entry === undefined) continue;
    noteConsulted(configDir);
    if (existsSync(configDir)) continue;
    const localDir = scriptFolder(node.scriptPath, entry.value);
    if (localDir === undefined) continue;
    const move = projectMove(configDir, localDir);
    if (move.alike >= MIN_NAMES_ALIKE) moves.set(`${move.from}\0${move.to}`, move);
  }
  return [...moves.values()];
}
