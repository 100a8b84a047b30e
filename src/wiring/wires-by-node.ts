import type { Wire, WireTie, Wiring } from "./wire-edges.js";

export interface WiresByNode {
  readonly wires: ReadonlyMap<string, readonly Wire[]>;
  readonly ties: ReadonlyMap<string, readonly WireTie[]>;
}

const indexes = new WeakMap<Wiring, WiresByNode>();

/** The wiring's wires and ties grouped by the node they feed, built once per wiring: specs look them up per node. */
export function wiresByNode(wiring: Wiring): WiresByNode {
  let index = indexes.get(wiring);
  if (index === undefined) {
    index = { wires: group(wiring.wires), ties: group(wiring.ties) };
    indexes.set(wiring, index);
  }
  return index;
}

function group<T extends { readonly node: string }>(items: readonly T[]): Map<string, T[]> {
  const byNode = new Map<string, T[]>();
  for (const item of items) {
    const list = byNode.get(item.node);
    if (list === undefined) byNode.set(item.node, [item]);
    else list.push(item);
  }
  return byNode;
}
