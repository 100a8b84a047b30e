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
  // Every input's candidates by rank; listed whole when first read (a node below a phantom chain has
  // thousands), while the best of them decide the wires and ties at once.
  const pending: { readonly node: string; readonly input: string; readonly groups: RankGroups }[] = [];
  // Each node's parents and the ones that feed it; the unused edges are listed from these when first read.
  const edges: { readonly name: string; readonly parents: readonly string[]; readonly feeding: ReadonlySet<string> }[] = [];
  const scorer = new CandidateScorer(nodes.values());
  const chosenWires = explicitByInput(explicit);
  // One candidate object per consumer input kind, producer and output: a producer below a phantom chain
  // is a candidate of hundreds of nodes of the same kind, and they can share it, as nothing changes it.
  const shared = new WeakMap<ReadonlyMap<number, unknown>, Map<WiringNode, readonly (WireCandidate | undefined)[]>>();
  const sharedFor = (forInput: ReadonlyMap<number, unknown>): Map<WiringNode, readonly (WireCandidate | undefined)[]> => {
    let byParent = shared.get(forInput);
    if (byParent === undefined) shared.set(forInput, (byParent = new Map()));
    return byParent;
  };
  const candidatesOf = (byParent: Map<WiringNode, readonly (WireCandidate | undefined)[]>, matches: readonly (Match | undefined)[], parent: WiringNode): readonly (WireCandidate | undefined)[] => {
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
    // The parents that take part, as given unless one does not (it is then copied once).
    let parentNames: readonly string[] | string[] = given;
    // Parents by kind, each kind in the order of its first parent, by their place in `given`: an input
    // is scored once per kind. A kind that matches none of the node's inputs keeps no list: below a
    // phantom chain most parents are of such kinds.
    const byKind = new Map<number, { readonly indices: number[]; readonly nodes: WiringNode[] }>();
    const useless = new Set<number>();
    for (let g = 0; g < given.length; g++) {
      const p = given[g]!;
      const known = kinds.get(p);
      if (known === undefined) {
        if (parentNames === given) parentNames = given.slice(0, g);
        continue;
      }
      if (parentNames !== given) (parentNames as string[]).push(p);
      if (useless.has(known.kind)) continue;
      const same = byKind.get(known.kind);
      if (same !== undefined) {
        same.indices.push(g);
        same.nodes.push(known.node);
      } else if (node.inputs.some((input) => scorer.matches(node, input, known.node).some((m) => m !== undefined))) byKind.set(known.kind, { indices: [g], nodes: [known.node] });
      else useless.add(known.kind);
    }
    for (const input of node.inputs) {
      const forInput = scorer.forInput(node, input);
      const groups = new RankGroups();
      const byParent = sharedFor(forInput);
      for (const [kind, { indices, nodes: kindNodes }] of byKind) {
        const matches = forInput.get(kind) ?? scorer.matches(node, input, kindNodes[0]!);
        for (let o = 0; o < matches.length; o++) {
          const m = matches[o];
          if (m !== undefined) groups.add(m.rank, { indices, output: o, candidate: (k) => candidatesOf(byParent, matches, kindNodes[k]!)[o]! });
        }
      }
      if (!groups.empty) pending.push({ node: name, input, groups });
      const chosen = chosenWires.get(name)?.get(input);
      if (chosen !== undefined) {
        wires.push({ node: name, input, fromNode: chosen.from.node, fromOutput: chosen.from.output, kind: "explicit", confidence: 1 });
        feeding.add(chosen.from.node);
        continue;
      }
      const tied = groups.best();
      if (tied === undefined) continue;
      // A tied parent is not reported as an unused edge: the tie problem already names it.
      for (const c of tied) feeding.add(c.from.node);
      const best = tied[0]!;
      if (tied.length > 1) ties.push({ node: name, input, candidates: tied });
      else wires.push({ node: name, input, fromNode: best.from.node, fromOutput: best.from.output, kind: best.kind, confidence: best.confidence });
    }
    edges.push({ name, parents: parentNames, feeding });
  }
  // Below a chain of phantoms most edges feed nothing: millions of them, listed only for who reads them.
  let unusedEdges: UnusedEdge[] | undefined;
  let considered: InputCandidates[] | undefined;
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
    get considered(): readonly InputCandidates[] {
      return (considered ??= pending.map(({ node, input, groups }) => ({ node, input, candidates: groups.all() })));
    },
  };
}

/** One output of every parent of one kind, at one rank: its candidates come in parent order. */
interface Segment {
  /** The parents' places among the node's parents, rising. */
  readonly indices: readonly number[];
  readonly output: number;
  /** The candidate of the k-th parent of the segment. */
  readonly candidate: (k: number) => WireCandidate;
}

/**
 * Candidates grouped by rank, best first, each group in parent then output order: a stable sort that
 * compares no pairs, as a node below a chain of phantoms may have thousands of candidates of a few ranks.
 * A group is kept as the kinds' segments (each already in parent order) and merged when read.
 */
class RankGroups {
  private readonly groups = new Map<number, Segment[]>();
  private ranked: { readonly ranks: readonly number[]; readonly lists: (WireCandidate[] | undefined)[] } | undefined;

  get empty(): boolean {
    return this.groups.size === 0;
  }

  add(rank: number, segment: Segment): void {
    const group = this.groups.get(rank);
    if (group === undefined) this.groups.set(rank, [segment]);
    else group.push(segment);
  }

  /** The candidates of the best rank, or undefined when there are none. */
  best(): WireCandidate[] | undefined {
    return this.empty ? undefined : this.list(0);
  }

  /** Every candidate, best rank first. */
  all(): WireCandidate[] {
    const { ranks } = this.order();
    if (ranks.length <= 1) return this.best() ?? [];
    return this.list(0).concat(...ranks.slice(1).map((_, k) => this.list(k + 1)));
  }

  private order(): NonNullable<RankGroups["ranked"]> {
    if (this.ranked === undefined) {
      const ranks = [...this.groups.keys()].sort((a, b) => b - a);
      this.ranked = { ranks, lists: ranks.map(() => undefined) };
    }
    return this.ranked;
  }

  private list(k: number): WireCandidate[] {
    const { ranks, lists } = this.order();
    return (lists[k] ??= merged(this.groups.get(ranks[k]!)!));
  }
}

function merged(segments: readonly Segment[]): WireCandidate[] {
  if (segments.length === 1) {
    const { indices, candidate } = segments[0]!;
    return indices.map((_, k) => candidate(k));
  }
  // A few segments: take the smallest (parent, output) head each time.
  const heads = segments.map(() => 0);
  const out: WireCandidate[] = [];
  for (;;) {
    let best = -1;
    for (let s = 0; s < segments.length; s++) {
      const i = segments[s]!.indices[heads[s]!];
      if (i === undefined) continue;
      const b = best < 0 ? undefined : segments[best]!.indices[heads[best]!]!;
      if (b === undefined || i < b || (i === b && segments[s]!.output < segments[best]!.output)) best = s;
    }
    if (best < 0) return out;
    out.push(segments[best]!.candidate(heads[best]!));
    heads[best]!++;
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
