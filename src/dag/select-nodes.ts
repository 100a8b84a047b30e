import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import type { Dag } from "./dag.js";
import { nearNames } from "../near-names.js";

export interface NodeSelection {
  /** Exactly these nodes. */
  readonly only?: readonly string[];
  /** This node and everything downstream of it. */
  readonly from?: string;
  /** This node and everything upstream of it. */
  readonly to?: string;
}

/** The nodes a selection keeps (all of them when it is empty); several criteria intersect. */
export function selectNodes(dag: Dag, selection: NodeSelection): Set<string> {
  let kept = new Set(dag.nodes);
  const known = (node: string): string => {
    if (dag.parents.has(node)) return node;
    throw new CursusLabError("UNKNOWN_NODE", msg.unknownNode(node, nearNames(node, dag.nodes)), msg.unknownNodeHint(), { at: node });
  };
  const intersect = (other: Set<string>): void => void (kept = new Set([...kept].filter((n) => other.has(n))));
  if (selection.only !== undefined && selection.only.length > 0) intersect(new Set(selection.only.map(known)));
  if (selection.from !== undefined) intersect(reach(known(selection.from), dag.children));
  if (selection.to !== undefined) intersect(reach(known(selection.to), dag.parents));
  return kept;
}

function reach(start: string, next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}
