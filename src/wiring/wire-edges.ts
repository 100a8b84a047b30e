import type { StepInterface } from "../catalog/step-interface-schema.js";
import type { OutputRef } from "./output-ref.js";
import { acceptsOutputType } from "./dependency-types.js";

export type MatchKind = "name" | "alias" | "semantic";
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
 * the result never depends on the order of edges or outputs.
 */
export function wireEdges(
  nodes: ReadonlyMap<string, WiringNode>,
  parents: ReadonlyMap<string, readonly string[]>,
  explicit: readonly ExplicitWire[] = [],
): Wiring {
  const wires: Wire[] = [];
  const ties: WireTie[] = [];
  const considered: InputCandidates[] = [];
  const unusedEdges: UnusedEdge[] = [];
  for (const [name, node] of nodes) {
    const feeding = new Set<string>();
    const parentNames = (parents.get(name) ?? []).filter((p) => nodes.has(p));
    for (const input of node.inputs) {
      const candidates = parentNames
        .flatMap((p) => nodes.get(p)!.outputs.flatMap((output) => candidate(node, input, nodes.get(p)!, output) ?? []))
        .sort((a, b) => compareRank(b, a));
      if (candidates.length > 0) considered.push({ node: name, input, candidates });
      const chosen = explicit.find((w) => w.node === name && w.input === input);
      if (chosen !== undefined) {
        wires.push({ node: name, input, fromNode: chosen.from.node, fromOutput: chosen.from.output, kind: "explicit", confidence: 1 });
        feeding.add(chosen.from.node);
        continue;
      }
      const best = candidates[0];
      if (best === undefined) continue;
      const tied = candidates.filter((c) => compareRank(c, best) === 0);
      // A tied parent is not reported as an unused edge: the tie problem already names it.
      for (const c of tied) feeding.add(c.from.node);
      if (tied.length > 1) ties.push({ node: name, input, candidates: tied });
      else wires.push({ node: name, input, fromNode: best.from.node, fromOutput: best.from.output, kind: best.kind, confidence: best.confidence });
    }
    for (const parent of parentNames) if (!feeding.has(parent)) unusedEdges.push({ from: parent, to: name });
  }
  return { wires, ties, unusedEdges, considered };
}

function compareRank(a: WireCandidate, b: WireCandidate): number {
  return a.confidence - b.confidence || Number(a.compatibleSource) - Number(b.compatibleSource) || Number(a.typeMatch) - Number(b.typeMatch);
}

function candidate(node: WiringNode, input: string, parent: WiringNode, output: string): WireCandidate | undefined {
  const dependency = node.spec?.dependencies[input];
  const outSpec = parent.spec?.outputs[output];
  const accepted = new Set((dependency?.compatible_sources ?? []).map((s) => s.toLowerCase()));
  const compatibleSource = parent.sourceTypes.some((t) => accepted.has(t.toLowerCase()));
  const typeMatch = acceptsOutputType(dependency?.type, outSpec?.type);
  const from = { node: parent.name, output };
  if (input === output) return { from, kind: "name", confidence: 1, compatibleSource, typeMatch };
  if (outSpec?.aliases.includes(input)) return { from, kind: "alias", confidence: 0.9, compatibleSource, typeMatch };
  if (dependency === undefined || !compatibleSource || !typeMatch) return undefined;
  const wanted = new Set([...dependency.semantic_keywords, ...tokens(input)].map((k) => k.toLowerCase()));
  const offered = new Set([...(outSpec?.semantic_keywords ?? []), ...tokens(output)].map((k) => k.toLowerCase()));
  const shared = [...wanted].filter((k) => offered.has(k)).length;
  if (shared === 0) return undefined;
  const overlap = shared / Math.min(wanted.size, offered.size);
  return { from, kind: "semantic", confidence: Math.round((0.5 + 0.35 * overlap) * 100) / 100, compatibleSource, typeMatch };
}

function tokens(name: string): string[] {
  return [name, ...name.split(/[_\W]+/).filter((t) => t.length > 2)];
}
