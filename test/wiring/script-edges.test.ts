import { describe, expect, it } from "vitest";
import type { Dag } from "../../src/dag/dag.js";
import { parseDag } from "../../src/dag/parse-dag.js";
import { scriptParents, type NodeRole } from "../../src/wiring/script-edges.js";

/** The rule as first written: one depth-first walk per script node through every phantom above it. */
function walkEachNode(dag: Dag, roleOf: (node: string) => NodeRole): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const node of dag.order) {
    if (roleOf(node) !== "script") continue;
    const found: string[] = [];
    const seen = new Set<string>();
    const visit = (parent: string): void => {
      if (seen.has(parent)) return;
      seen.add(parent);
      if (roleOf(parent) === "script") found.push(parent);
      else if (roleOf(parent) === "phantom") for (const p of dag.parents.get(parent) ?? []) visit(p);
    };
    for (const p of dag.parents.get(node) ?? []) visit(p);
    result.set(node, found);
  }
  return result;
}

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function randomDag(seed: number): { dag: Dag; roleOf: (node: string) => NodeRole } {
  const next = random(seed);
  const nodes = Array.from({ length: 8 + Math.floor(next() * 40) }, (_, i) => `n${i}`);
  const edges: [string, string][] = [];
  // Edges only from earlier to later names: a DAG, with declaration order unlike the topological order.
  for (let to = 1; to < nodes.length; to++) for (let from = 0; from < to; from++) if (next() < 0.15) edges.push([nodes[from]!, nodes[to]!]);
  const roles: NodeRole[] = ["script", "script", "phantom", "phantom", "error", "unverified"];
  const role = new Map(nodes.map((n) => [n, roles[Math.floor(next() * roles.length)]!]));
  return { dag: parseDag({ dag: { nodes: [...nodes].reverse(), edges } }, "<test>"), roleOf: (n) => role.get(n)! };
}

describe("scriptParents", () => {
  it("gives each script node the same nearest script ancestors, in the same order, as a walk per node", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { dag, roleOf } = randomDag(seed);
      expect([...scriptParents(dag, roleOf)], `seed ${seed}`).toEqual([...walkEachNode(dag, roleOf)]);
    }
  });

  it("reaches through a chain of phantoms and stops at an error node", () => {
    const dag = parseDag({ dag: { nodes: ["A", "P1", "P2", "E", "B", "C"], edges: [["A", "P1"], ["P1", "P2"], ["B", "E"], ["E", "P2"], ["P2", "C"], ["B", "C"]] } }, "<test>");
    const role: Record<string, NodeRole> = { A: "script", P1: "phantom", P2: "phantom", E: "error", B: "script", C: "script" };
    expect(scriptParents(dag, (n) => role[n]!).get("C")).toEqual(["A", "B"]);
  });
});
