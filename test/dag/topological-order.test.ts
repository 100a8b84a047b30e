import { describe, expect, it } from "vitest";
import { parseDag } from "../../src/dag/parse-dag.js";
import { topologicalOrder } from "../../src/dag/topological-order.js";

const childrenOf = (nodes: readonly string[], edges: readonly (readonly [string, string])[]): Map<string, string[]> => {
  const children = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [from, to] of edges) children.get(from)!.push(to);
  return children;
};

describe("topologicalOrder", () => {
  const cases: { name: string; nodes: string[]; edges: [string, string][]; order: string[] }[] = [
    { name: "no edges keeps declaration order", nodes: ["C", "A", "B"], edges: [], order: ["C", "A", "B"] },
    { name: "a chain declared backwards runs forwards", nodes: ["C", "B", "A"], edges: [["A", "B"], ["B", "C"]], order: ["A", "B", "C"] },
    {
      name: "independent roots tie-break by declaration order",
      nodes: ["Z", "Y", "X", "Sink"],
      edges: [["X", "Sink"], ["Y", "Sink"], ["Z", "Sink"]],
      order: ["Z", "Y", "X", "Sink"],
    },
    {
      name: "a newly ready node earlier in the declaration runs before a later ready one",
      nodes: ["A", "D", "B", "C"],
      edges: [["A", "B"], ["A", "C"]],
      order: ["A", "D", "B", "C"],
    },
    {
      name: "diamond: both middles before the join, in declaration order",
      nodes: ["Top", "Right", "Left", "Bottom"],
      edges: [["Top", "Left"], ["Top", "Right"], ["Left", "Bottom"], ["Right", "Bottom"]],
      order: ["Top", "Right", "Left", "Bottom"],
    },
  ];

  it.each(cases)("$name", ({ nodes, edges, order }) => {
    const result = topologicalOrder(nodes, childrenOf(nodes, edges));
    expect(result).toEqual({ ok: true, order });
  });

  it("gives the same order whatever order the edges are listed in", () => {
    const nodes = ["A", "B", "C", "D", "E"];
    const edges: [string, string][] = [["A", "C"], ["B", "C"], ["C", "D"], ["B", "E"]];
    const forward = topologicalOrder(nodes, childrenOf(nodes, edges));
    const reversed = topologicalOrder(nodes, childrenOf(nodes, [...edges].reverse()));
    expect(forward).toEqual({ ok: true, order: ["A", "B", "C", "D", "E"] });
    expect(reversed).toEqual(forward);
  });

  it("puts every node after all of its parents on a large layered DAG", () => {
    const nodes = Array.from({ length: 500 }, (_, i) => `n${i}`);
    const edges: [string, string][] = [];
    for (let i = 10; i < nodes.length; i++) for (const back of [3, 7, 10]) edges.push([nodes[i - back]!, nodes[i]!]);
    const shuffled = [...nodes].reverse();
    const result = topologicalOrder(shuffled, childrenOf(shuffled, edges));
    if (!result.ok) throw new Error("expected an order");
    const position = new Map(result.order.map((n, i) => [n, i]));
    expect(result.order).toHaveLength(nodes.length);
    for (const [from, to] of edges) expect(position.get(from)!).toBeLessThan(position.get(to)!);
  });

  const cycles: { name: string; nodes: string[]; edges: [string, string][]; cycle: string[] }[] = [
    { name: "a self-loop", nodes: ["A", "B"], edges: [["A", "B"], ["B", "B"]], cycle: ["B", "B"] },
    { name: "two nodes", nodes: ["A", "B"], edges: [["A", "B"], ["B", "A"]], cycle: ["A", "B", "A"] },
    {
      name: "a three-node cycle below a root, with a tail hanging off it",
      nodes: ["Start", "A", "B", "C", "D"],
      edges: [["Start", "A"], ["A", "B"], ["B", "C"], ["C", "A"], ["C", "D"]],
      cycle: ["A", "B", "C", "A"],
    },
  ];
  it.each(cycles)("reports the cycle as a closed path: $name", ({ nodes, edges, cycle }) => {
    expect(topologicalOrder(nodes, childrenOf(nodes, edges))).toEqual({ ok: false, cycle });
  });

  it("orders the parsed DAG the same way as the function on its own", () => {
    const dag = parseDag({ nodes: ["C", "A", "B"], edges: [["A", "C"]] }, "<test>");
    expect(dag.order).toEqual(["A", "C", "B"]);
  });
});
