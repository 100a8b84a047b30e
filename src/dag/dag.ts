/** A validated pipeline DAG: unique nodes, edges between known nodes, no cycle. */
export interface Dag {
  /** Where it came from: a file path, or `<object>` when given in code. */
  readonly source: string;
  readonly name: string | undefined;
  readonly description: string | undefined;
  /** Declaration order; also the tie-break of the topological order. */
  readonly nodes: readonly string[];
  readonly edges: readonly (readonly [string, string])[];
  /** Deterministic topological order. */
  readonly order: readonly string[];
  readonly parents: ReadonlyMap<string, readonly string[]>;
  readonly children: ReadonlyMap<string, readonly string[]>;
}

export function parentsOf(dag: Dag, node: string): readonly string[] {
  return dag.parents.get(node) ?? [];
}

export function childrenOf(dag: Dag, node: string): readonly string[] {
  return dag.children.get(node) ?? [];
}
