import type { StepInterface } from "../catalog/step-interface-schema.js";
import type { OutputRef } from "./output-ref.js";
import { CandidateScorer, type Match, type MatchKind } from "./candidate-scorer.js";

export type { MatchKind };
export type WireKind = MatchKind | "explicit";

export interface Wire {
  readonly node: string;
  readonly input: string;
  readonly fromNode: string;
  readonly fromOutput: string;
  readonly kind: WireKind;
  /** 1 for an explicit wire or the same logical name, 0.9 for an alias, 0.5 to 0.85 for keyword overlap. */
  readonly confidence: number;
}

/** One upstream output that could feed an input, with what made it a candidate. */
export interface WireCandidate {
  readonly from: OutputRef;
  readonly kind: MatchKind;
  readonly confidence: number;
  /** The source's step type is listed in the dependency's `compatible_sources`. */
  readonly compatibleSource: boolean;
  /** The dependency's `type` accepts the output's `type` (or one of them is undeclared). */
  readonly typeMatch: boolean;
}

/** Every candidate looked at for one input, best first. */
export interface InputCandidates {
  readonly node: string;
  readonly input: string;
  readonly candidates: readonly WireCandidate[];
}

/** Two or more candidates that rank the same: the user must choose, edge order must not. */
export interface WireTie {
  readonly node: string;
  readonly input: string;
  readonly candidates: readonly WireCandidate[];
}

/** A DAG edge between script nodes along which no output feeds an input. */
export interface UnusedEdge {
  readonly from: string;
  readonly to: string;
}

/** A wire the user chose: `node`'s `input` reads `from`, whatever the matching would pick. */
export interface ExplicitWire {
  readonly node: string;
  readonly input: string;
  readonly from: OutputRef;
}

export interface WiringNode {
  readonly name: string;
  /** The names this node answers to in `compatible_sources`: its variant (`RiskTableMapping_Training`), then its step type. */
  readonly sourceTypes: readonly string[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly spec: StepInterface["spec"] | undefined;
}

export interface Wiring {
  readonly wires: readonly Wire[];
  readonly ties: readonly WireTie[];
  readonly unusedEdges: readonly UnusedEdge[];
  readonly considered: readonly InputCandidates[];
}

/**
 * For each input of each script node, the best matching output among its script parents, unless the user
 * wired it. Candidates rank by confidence, then compatible source, then type; equal ranks are a tie, so
 * the result never depends on the order of edges or outputs. Equal ranks keep parent then output order.
 */
export function wireEdges(
  nodes: ReadonlyMap<string, WiringNode>,
  parents: ReadonlyMap<string, readonly string[]>,
  explicit: readonly ExplicitWire[] = [],
): Wiring {
  const wires: Wire[] = [];
  const ties: WireTie[] = [];
  const considered: InputCandidates[] = [];
  // Each node's parents and the ones that feed it; the unused edges are listed from these when first read.
  const edges: { readonly name: string; readonly parents: readonly string[]; readonly feeding: ReadonlySet<string> }[] = [];
  const scorer = new CandidateScorer(nodes.values());
  const chosenWires = explicitByInput(explicit);
  // One candidate object per consumer input kind, producer and output: a producer below a phantom chain
  // is a candidate of hundreds of nodes of the same kind, and they can share it, as nothing changes it.
  const shared = new WeakMap<ReadonlyMap<number, unknown>, Map<WiringNode, readonly (WireCandidate | undefined)[]>>();
  const candidatesOf = (forInput: ReadonlyMap<number, unknown>, matches: readonly (Match | undefined)[], parent: WiringNode): readonly (WireCandidate | undefined)[] => {
    let byParent = shared.get(forInput);
    if (byParent === undefined) shared.set(forInput, (byParent = new Map()));
    let list = byParent.get(parent);
    if (list === undefined) {
      list = matches.map((m, o) => (m === undefined ? undefined : { from: { node: parent.name, output: parent.outputs[o]! }, kind: m.kind, confidence: m.confidence, compatibleSource: m.compatibleSource, typeMatch: m.typeMatch }));
      byParent.set(parent, list);
    }
    return list;
  };
  const kinds = new Map<string, { readonly node: WiringNode; readonly kind: number }>();
  for (const [name, node] of nodes) kinds.set(name, { node, kind: scorer.kindOf(node) });
  for (const [name, node] of nodes) {
    const feeding = new Set<string>();
    const given = parents.get(name) ?? [];
    const parentNames: string[] = [];
    const parentNodes: WiringNode[] = [];
    // Parents by kind, each kind in the order of its first parent: an input is scored once per kind.
    const byKind = new Map<number, number[]>();
    let widest = 1;
    for (const p of given) {
      const known = kinds.get(p);
      if (known === undefined) continue;
      const same = byKind.get(known.kind);
      if (same === undefined) byKind.set(known.kind, [parentNodes.length]);
      else same.push(parentNodes.length);
      parentNames.push(p);
      parentNodes.push(known.node);
      widest = Math.max(widest, known.node.outputs.length);
    }
    for (const input of node.inputs) {
      const forInput = scorer.forInput(node, input);
      const groups = new RankGroups();
      for (const [kind, indices] of byKind) {
        const matches = forInput.get(kind) ?? scorer.matches(node, input, parentNodes[indices[0]!]!);
        if (matches.every((m) => m === undefined)) continue;
        for (const i of indices) {
          const parent = parentNodes[i]!;
          const list = candidatesOf(forInput, matches, parent);
          for (let o = 0; o < matches.length; o++) {
            const m = matches[o];
            // Parent then output order, which a group restores when kinds interleave in it.
            if (m !== undefined) groups.add(m.rank, i * widest + o, list[o]!);
          }
        }
      }
      const ranked = groups.bestFirst();
      const candidates = ranked.length <= 1 ? (ranked[0] ?? []) : ranked[0]!.concat(...ranked.slice(1));
      if (candidates.length > 0) considered.push({ node: name, input, candidates });
      const chosen = chosenWires.get(name)?.get(input);
      if (chosen !== undefined) {
        wires.push({ node: name, input, fromNode: chosen.from.node, fromOutput: chosen.from.output, kind: "explicit", confidence: 1 });
        feeding.add(chosen.from.node);
        continue;
      }
      const tied = ranked[0];
      if (tied === undefined) continue;
      // A tied parent is not reported as an unused edge: the tie problem already names it.
      for (const c of tied) feeding.add(c.from.node);
      const best = tied[0]!;
      if (tied.length > 1) ties.push({ node: name, input, candidates: tied });
      else wires.push({ node: name, input, fromNode: best.from.node, fromOutput: best.from.output, kind: best.kind, confidence: best.confidence });
    }
    edges.push({ name, parents: parentNames.length === given.length ? given : parentNames, feeding });
  }
  // Below a chain of phantoms most edges feed nothing: millions of them, listed only for who reads them.
  let unusedEdges: UnusedEdge[] | undefined;
  return {
    wires,
    ties,
    get unusedEdges(): readonly UnusedEdge[] {
      if (unusedEdges === undefined) {
        unusedEdges = [];
        for (const { name, parents: from, feeding } of edges) for (const parent of from) if (!feeding.has(parent)) unusedEdges.push({ from: parent, to: name });
      }
      return unusedEdges;
    },
    considered,
  };
}

/**
 * Candidates grouped by rank, best first, each group in the order added: a stable sort that does not
 * compare every pair, as a node below a chain of phantoms may have thousands of candidates of a few ranks.
 */
class RankGroups {
  private readonly groups = new Map<number, { candidates: WireCandidate[]; at: number[]; ordered: boolean }>();

  add(rank: number, at: number, candidate: WireCandidate): void {
    const group = this.groups.get(rank);
    if (group === undefined) this.groups.set(rank, { candidates: [candidate], at: [at], ordered: true });
    else {
      if (at < group.at[group.at.length - 1]!) group.ordered = false;
      group.candidates.push(candidate);
      group.at.push(at);
    }
  }

  bestFirst(): WireCandidate[][] {
    return [...this.groups.keys()]
      .sort((a, b) => b - a)
      .map((rank) => {
        const { candidates, at, ordered } = this.groups.get(rank)!;
        if (ordered) return candidates;
        return candidates.map((_, k) => k).sort((x, y) => at[x]! - at[y]!).map((k) => candidates[k]!);
      });
  }
}

/** The first explicit wire of each node's input, as a lookup. */
function explicitByInput(explicit: readonly ExplicitWire[]): Map<string, Map<string, ExplicitWire>> {
  const byNode = new Map<string, Map<string, ExplicitWire>>();
  for (const wire of explicit) {
    let inputs = byNode.get(wire.node);
    if (inputs === undefined) byNode.set(wire.node, (inputs = new Map()));
    if (!inputs.has(wire.input)) inputs.set(wire.input, wire);
  }
  return byNode;
}
