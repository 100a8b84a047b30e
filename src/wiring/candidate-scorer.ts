import type { StepInterface } from "../catalog/step-interface-schema.js";
import { acceptsOutputType } from "./dependency-types.js";

export type MatchKind = "name" | "alias" | "semantic";

/** How one output could feed one input, whichever node either belongs to. */
export interface Match {
  readonly kind: MatchKind;
  readonly confidence: number;
  readonly compatibleSource: boolean;
  readonly typeMatch: boolean;
  /** Confidence, then compatible source, then type, as one integer: higher ranks first. */
  readonly rank: number;
}

/** What scoring reads of a node: its interface spec, the names it answers to, its inputs and outputs. */
export interface ScoredNode {
  readonly sourceTypes: readonly string[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly spec: StepInterface["spec"] | undefined;
}

type Spec = StepInterface["spec"];

/**
 * Scores inputs against outputs, remembering each answer by what it depends on alone: the consumer's
 * spec and input name, the producer's spec, the names it answers to and its outputs. A pipeline has a
 * few dozen kinds of step, so with phantom chains giving a node hundreds of script parents, almost every
 * parent is a kind already scored for that input.
 */
export class CandidateScorer {
  private readonly specIds = new WeakMap<Spec, number>();
  private specCount = 0;
  private readonly kindIds = new Map<string, number>();
  private readonly nodeKinds = new WeakMap<ScoredNode, number>();
  /** Per consumer spec and input: per producer kind, one match (or none) per output, by output index. */
  private readonly memo = new Map<string, Map<number, readonly (Match | undefined)[]>>();

  /** Lower-case names some consumer lists in `compatible_sources`: no other name a node answers to can change a match. */
  private readonly accepted: ReadonlySet<string>;

  constructor(consumers: Iterable<ScoredNode>) {
    const accepted = new Set<string>();
    for (const node of consumers) for (const dependency of Object.values(node.spec?.dependencies ?? {})) for (const s of dependency.compatible_sources) accepted.add(s.toLowerCase());
    this.accepted = accepted;
  }

  /**
   * The producer's kind: nodes of one kind get the same matches for any input. Of the names it answers
   * to, only those some consumer accepts count: a job type's variant (`Preprocessing_j17`) is usually
   * named by no one, and it must not make each node a kind of its own.
   */
  kindOf(node: ScoredNode): number {
    let id = this.nodeKinds.get(node);
    if (id !== undefined) return id;
    const named = node.sourceTypes.map((t) => t.toLowerCase()).filter((t) => this.accepted.has(t));
    const key = `${this.specId(node.spec)}\0${[...new Set(named)].sort().join("\u0001")}\0${node.outputs.join("\u0001")}`;
    id = this.kindIds.get(key);
    if (id === undefined) this.kindIds.set(key, (id = this.kindIds.size));
    this.nodeKinds.set(node, id);
    return id;
  }

  /** The matches of each of the producer's outputs for the consumer's input, by output index. */
  matches(consumer: ScoredNode, input: string, producer: ScoredNode): readonly (Match | undefined)[] {
    const forInput = this.forInput(consumer, input);
    const kind = this.kindOf(producer);
    let found = forInput.get(kind);
    if (found === undefined) {
      found = producer.outputs.map((output) => score(consumer.spec, input, producer, output));
      forInput.set(kind, found);
    }
    return found;
  }

  /** The memo of one consumer input, looked up once per input rather than once per producer. */
  forInput(consumer: ScoredNode, input: string): Map<number, readonly (Match | undefined)[]> {
    const key = `${this.specId(consumer.spec)}\0${input}`;
    let forInput = this.memo.get(key);
    if (forInput === undefined) this.memo.set(key, (forInput = new Map()));
    return forInput;
  }

  private specId(spec: Spec | undefined): number {
    if (spec === undefined) return 0;
    let id = this.specIds.get(spec);
    if (id === undefined) this.specIds.set(spec, (id = ++this.specCount));
    return id;
  }
}

function score(spec: Spec | undefined, input: string, parent: ScoredNode, output: string): Match | undefined {
  const dependency = spec?.dependencies[input];
  const outSpec = parent.spec?.outputs[output];
  const accepted = new Set((dependency?.compatible_sources ?? []).map((s) => s.toLowerCase()));
  const compatibleSource = parent.sourceTypes.some((t) => accepted.has(t.toLowerCase()));
  const typeMatch = acceptsOutputType(dependency?.type, outSpec?.type);
  const match = (kind: MatchKind, confidence: number): Match => ({ kind, confidence, compatibleSource, typeMatch, rank: rankOf(confidence, compatibleSource, typeMatch) });
  if (input === output) return match("name", 1);
  if (outSpec?.aliases.includes(input)) return match("alias", 0.9);
  if (dependency === undefined || !compatibleSource || !typeMatch) return undefined;
  const wanted = new Set([...dependency.semantic_keywords, ...tokens(input)].map((k) => k.toLowerCase()));
  const offered = new Set([...(outSpec?.semantic_keywords ?? []), ...tokens(output)].map((k) => k.toLowerCase()));
  const shared = [...wanted].filter((k) => offered.has(k)).length;
  if (shared === 0) return undefined;
  const overlap = shared / Math.min(wanted.size, offered.size);
  return match("semantic", Math.round((0.5 + 0.35 * overlap) * 100) / 100);
}

/** Confidences have two decimals, so a hundredfold confidence is a whole number and the order is exact. */
function rankOf(confidence: number, compatibleSource: boolean, typeMatch: boolean): number {
  return Math.round(confidence * 100) * 4 + Number(compatibleSource) * 2 + Number(typeMatch);
}

function tokens(name: string): string[] {
  return [name, ...name.split(/[_\W]+/).filter((t) => t.length > 2)];
}
