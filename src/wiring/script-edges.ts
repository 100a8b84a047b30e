import type { Dag } from "../dag/dag.js";

/** `unverified` (DAG-only mode) ends a path as an error does: nothing is known of its outputs. */
export type NodeRole = "script" | "phantom" | "error" | "unverified";

/**
 * Edges between script nodes once phantoms drop out: a script node's upstream is its nearest script
 * ancestors along paths that pass only through phantoms, in depth-first order of its parents. An error
 * node ends a path: what it would have produced is unknown, so nothing is wired through it.
 *
 * Each phantom's nearest script ancestors are found once and shared by every node below it: walking the
 * phantoms again for each script node made chains of phantoms cost the square of their length.
 */
export function scriptParents(dag: Dag, roleOf: (node: string) => NodeRole): Map<string, string[]> {
  // Nodes by their place in the topological order, so the walks below work on numbers.
  const order = dag.order;
  const index = new Map(order.map((node, i) => [node, i]));
  const roles = order.map((node) => roleOf(node));
  const throughPhantom: (readonly number[] | undefined)[] = [];
  // The stamp of the walk that last took a script: one array instead of a set per node.
  const takenBy = new Int32Array(order.length).fill(-1);
  // The depth-first walk from a node's parents, parents in order: a script parent is itself, a phantom
  // parent the scripts above it (known already, as the topological order puts it first). Keeping the
  // first of repeated names gives the same order as one walk with a single visited set.
  const nearestScripts = <T>(at: number, as: (script: number) => T): T[] => {
    const found: T[] = [];
    const take = (script: number): void => {
      if (takenBy[script] === at) return;
      takenBy[script] = at;
      found.push(as(script));
    };
    for (const parent of dag.parents.get(order[at]!) ?? []) {
      const p = index.get(parent)!;
      if (roles[p] === "script") take(p);
      else if (roles[p] === "phantom") for (const script of throughPhantom[p] ?? []) take(script);
    }
    return found;
  };
  const result = new Map<string, string[]>();
  for (let at = 0; at < order.length; at++) {
    if (roles[at] === "phantom") throughPhantom[at] = nearestScripts(at, (i) => i);
    else if (roles[at] === "script") result.set(order[at]!, nearestScripts(at, (i) => order[i]!));
  }
  return result;
}
