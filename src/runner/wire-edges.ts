import type { StepInterface } from "../catalog/step-interface-schema.js";

export type WireKind = "name" | "alias" | "semantic";

export interface Wire {
  readonly node: string;
  readonly input: string;
  readonly fromNode: string;
  readonly fromOutput: string;
  readonly kind: WireKind;
  /** 1 for the same logical name, 0.9 for an alias, 0.5 to 0.85 for keyword overlap. */
  readonly confidence: number;
}

export interface WiringNode {
  readonly name: string;
  readonly stepType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly spec: StepInterface["spec"] | undefined;
}

/** For each input of each script node, the best matching output among its script parents (or none). */
export function wireEdges(nodes: ReadonlyMap<string, WiringNode>, parents: ReadonlyMap<string, readonly string[]>): Wire[] {
  const wires: Wire[] = [];
  for (const [name, node] of nodes) {
    for (const input of node.inputs) {
      let best: Wire | undefined;
      for (const parentName of parents.get(name) ?? []) {
        const parent = nodes.get(parentName);
        if (parent === undefined) continue;
        for (const output of parent.outputs) {
          const scored = score(node, input, parent, output);
          if (scored !== undefined && (best === undefined || scored.confidence > best.confidence)) {
            best = { node: name, input, fromNode: parentName, fromOutput: output, ...scored };
          }
        }
      }
      if (best !== undefined) wires.push(best);
    }
  }
  return wires;
}

function score(node: WiringNode, input: string, parent: WiringNode, output: string): { kind: WireKind; confidence: number } | undefined {
  if (input === output) return { kind: "name", confidence: 1 };
  const outSpec = parent.spec?.outputs[output];
  if (outSpec?.aliases.includes(input)) return { kind: "alias", confidence: 0.9 };
  const dependency = node.spec?.dependencies[input];
  if (dependency === undefined || !dependency.compatible_sources.includes(parent.stepType)) return undefined;
  const wanted = new Set([...dependency.semantic_keywords, ...tokens(input)].map((k) => k.toLowerCase()));
  const offered = new Set([...(outSpec?.semantic_keywords ?? []), ...tokens(output)].map((k) => k.toLowerCase()));
  const shared = [...wanted].filter((k) => offered.has(k)).length;
  if (shared === 0) return undefined;
  const overlap = shared / Math.min(wanted.size, offered.size);
  return { kind: "semantic", confidence: Math.round((0.5 + 0.35 * overlap) * 100) / 100 };
}

function tokens(name: string): string[] {
  return [name, ...name.split(/[_\W]+/).filter((t) => t.length > 2)];
}
