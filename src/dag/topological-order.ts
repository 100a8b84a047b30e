/**
 * Kahn's algorithm with a ready list kept in declaration order, so the same DAG always gives the
 * same order. Returns the cycle (as a closed path) when there is one.
 */
export type OrderResult =
  | { readonly ok: true; readonly order: string[] }
  | { readonly ok: false; readonly cycle: string[] };

export function topologicalOrder(
  nodes: readonly string[],
  children: ReadonlyMap<string, readonly string[]>,
): OrderResult {
  const rank = new Map(nodes.map((node, i) => [node, i]));
  const indegree = new Map(nodes.map((node) => [node, 0]));
  for (const targets of children.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);

  // A binary heap on declaration rank keeps this O((V + E) log V) on large DAGs.
  const heap: number[] = [];
  const push = (r: number): void => {
    heap.push(r);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]! <= r) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = r;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const c = l + 1 < heap.length && heap[l + 1]! < heap[l]! ? l + 1 : l;
        if (heap[c]! >= last) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };

  nodes.forEach((node, i) => {
    if (indegree.get(node) === 0) push(i);
  });
  const order: string[] = [];
  while (heap.length > 0) {
    const node = nodes[pop()]!;
    order.push(node);
    for (const child of children.get(node) ?? []) {
      const left = indegree.get(child)! - 1;
      indegree.set(child, left);
      if (left === 0) push(rank.get(child)!);
    }
  }
  if (order.length === nodes.length) return { ok: true, order };
  return { ok: false, cycle: findCycle(nodes.filter((n) => indegree.get(n)! > 0), children) };
}

/** Walks the nodes left over by Kahn's algorithm until one repeats: that stretch is a cycle. */
function findCycle(remaining: readonly string[], children: ReadonlyMap<string, readonly string[]>): string[] {
  const left = new Set(remaining);
  const start = remaining[0]!;
  const path: string[] = [];
  const seenAt = new Map<string, number>();
  let node = start;
  while (!seenAt.has(node)) {
    seenAt.set(node, path.length);
    path.push(node);
    node = (children.get(node) ?? []).find((c) => left.has(c))!;
  }
  return [...path.slice(seenAt.get(node)!), node];
}
