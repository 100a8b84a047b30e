import type { Dag } from "../dag/dag.js";

/** `unverified` (DAG-only mode) ends a path as an error does: nothing is known of its outputs. */
export type NodeRole = "script" | "phantom" | "error" | "unverified";

/**
 * Edges between script nodes once phantoms drop out: a script node's upstream is its nearest script
 * ancestors along paths that pass only through phantoms. An error node ends a path: what it would have
 * produced is unknown, so nothing is wired through it.
 */
export function scriptParents(dag: Dag, roleOf: (node: string) => NodeRole): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const isScript = (node: string): boolean => roleOf(node) === "script";
  for (const node of dag.order) {
    if (!isScript(node)) continue;
    const found: string[] = [];
    const seen = new Set<string>();
    const stack = [...(dag.parents.get(node) ?? [])].reverse();
    while (stack.length > 0) {
      const parent = stack.pop()!;
      if (seen.has(parent)) continue;
      seen.add(parent);
      if (isScript(parent)) found.push(parent);
      else if (roleOf(parent) === "phantom") stack.push(...[...(dag.parents.get(parent) ?? [])].reverse());
    }
    result.set(node, found);
  }
  return result;
}
