import type { Problem } from "../errors.js";
import * as msg from "../messages.js";
import { nearNames } from "../near-names.js";
import type { ExplicitWire } from "../wiring/wire-edges.js";
import { outputRefText } from "../wiring/output-ref.js";

/** A wire as the API takes it: structured, or the `NODE.INPUT=UPSTREAM.OUTPUT` text of `--wire` and `cursus-lab.json`. */
export type WireRequest = ExplicitWire | string;

/** The logical names a script node declares, which is what makes a dotted name parse one way only. */
export interface WireEnds {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/**
 * Checks the user's wires against the script nodes: both ends declared, the source upstream of the node
 * (any ancestor, not only a parent), at most one source per input. Every problem is returned, not the first.
 */
export function resolveExplicitWires(
  given: readonly WireRequest[],
  ends: ReadonlyMap<string, WireEnds>,
  ancestorsOf: (node: string) => ReadonlySet<string>,
): { wires: ExplicitWire[]; problems: Problem[] } {
  const wires: ExplicitWire[] = [];
  const problems: Problem[] = [];
  for (const request of given) {
    const parsed = typeof request === "string" ? parseWireText(request, ends) : checkEnds(request, ends);
    if (!parsed.ok) {
      problems.push(parsed.problem);
      continue;
    }
    const wire = parsed.wire;
    const text = wireText(wire);
    if (!ancestorsOf(wire.node).has(wire.from.node)) {
      problems.push({ node: wire.node, field: `wires.${wire.input}`, message: msg.wireNotUpstream(text, wire.from.node, wire.node), fix: msg.wireNotUpstreamFix() });
      continue;
    }
    const earlier = wires.find((w) => w.node === wire.node && w.input === wire.input);
    if (earlier === undefined) wires.push(wire);
    else if (wireText(earlier) !== text) problems.push({ node: wire.node, field: `wires.${wire.input}`, message: msg.wireConflict(wireText(earlier), text), fix: msg.wireConflictFix() });
  }
  return { wires, problems };
}

type Parsed = { ok: true; wire: ExplicitWire } | { ok: false; problem: Problem };

/** Splits on the first `=`, then matches each side against real node names, never at the first dot. */
export function parseWireText(text: string, ends: ReadonlyMap<string, WireEnds>): Parsed {
  const eq = text.indexOf("=");
  if (eq <= 0 || eq === text.length - 1) return { ok: false, problem: { node: text, field: "wires", message: msg.wireMalformed(text), fix: msg.wireMalformedFix() } };
  const target = splitRef(text.slice(0, eq), ends, "inputs");
  const source = splitRef(text.slice(eq + 1), ends, "outputs");
  if (!target.ok) return { ok: false, problem: unknownEnd(text, text.slice(0, eq), "inputs", ends) };
  if (!source.ok) return { ok: false, problem: unknownEnd(text, text.slice(eq + 1), "outputs", ends) };
  return { ok: true, wire: { node: target.node, input: target.name, from: { node: source.node, output: source.name } } };
}

function checkEnds(wire: ExplicitWire, ends: ReadonlyMap<string, WireEnds>): Parsed {
  const text = wireText(wire);
  if (!(ends.get(wire.node)?.inputs.includes(wire.input) ?? false)) return { ok: false, problem: unknownEnd(text, `${wire.node}.${wire.input}`, "inputs", ends) };
  if (!(ends.get(wire.from.node)?.outputs.includes(wire.from.output) ?? false)) return { ok: false, problem: unknownEnd(text, outputRefText(wire.from), "outputs", ends) };
  return { ok: true, wire };
}

/** The longest node name that is a real node, followed by "." and one of its declared names. */
function splitRef(text: string, ends: ReadonlyMap<string, WireEnds>, kind: keyof WireEnds): { ok: true; node: string; name: string } | { ok: false } {
  let found: { ok: true; node: string; name: string } | undefined;
  for (const [node, declared] of ends) {
    if (!text.startsWith(`${node}.`)) continue;
    const name = text.slice(node.length + 1);
    if (declared[kind].includes(name) && (found === undefined || node.length > found.node.length)) found = { ok: true, node, name };
  }
  return found ?? { ok: false };
}

function unknownEnd(text: string, end: string, kind: keyof WireEnds, ends: ReadonlyMap<string, WireEnds>): Problem {
  const known = [...ends].flatMap(([node, declared]) => declared[kind].map((name) => `${node}.${name}`));
  const near = nearNames(end, known, 1)[0];
  return { node: text, field: "wires", message: msg.wireUnknownEnd(text, end, kind === "inputs" ? "input" : "output", near), fix: msg.wireUnknownEndFix() };
}

function wireText(wire: ExplicitWire): string {
  return `${wire.node}.${wire.input}=${outputRefText(wire.from)}`;
}

/** Every node upstream of `node`, through any kind of node. */
export function ancestors(parents: ReadonlyMap<string, readonly string[]>, node: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(parents.get(node) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(parents.get(next) ?? []));
  }
  return seen;
}
