import { CursusLabError } from "../errors.js";
import { readJsonFile } from "../io/read-json-file.js";
import { parseWith } from "../io/zod-issues.js";
import * as msg from "../messages.js";
import type { Dag } from "./dag.js";
import { dagSchemaFor } from "./dag-schema.js";
import { topologicalOrder } from "./topological-order.js";

/** A DAG file path, or the already-parsed JSON of one. */
export type DagInput = string | unknown;

export function loadDag(input: DagInput): Dag {
  if (typeof input === "string") return parseDag(readJsonFile(input, "DAG file"), input);
  return parseDag(input, "<object>");
}

/** Validates a raw DAG value: shape, duplicate nodes, edges to unknown nodes, cycles. */
export function parseDag(raw: unknown, source: string): Dag {
  const file = parseWith(dagSchemaFor(raw), raw, source, "DAG", msg.dagShape);
  const body = "dag" in file ? file.dag : file;
  const name = "dag" in file && typeof file.metadata?.["name"] === "string" ? file.metadata["name"] : undefined;

  const seen = new Set<string>();
  body.nodes.forEach((node, i) => {
    if (seen.has(node)) {
      throw new CursusLabError("DAG_DUPLICATE_NODE", msg.duplicateNode(source, node, i), msg.duplicateNodeHint(), {
        file: source,
        at: `dag.nodes[${i}]`,
      });
    }
    seen.add(node);
  });

  const parents = new Map<string, string[]>(body.nodes.map((n) => [n, []]));
  const children = new Map<string, string[]>(body.nodes.map((n) => [n, []]));
  const edges: (readonly [string, string])[] = [];
  const edgeSeen = new Set<string>();
  body.edges.forEach(([from, to], i) => {
    for (const end of [from, to]) {
      if (!seen.has(end)) {
        throw new CursusLabError(
          "DAG_UNKNOWN_NODE",
          msg.edgeToUnknownNode(source, i, from, to, end),
          msg.edgeToUnknownNodeHint(end, body.nodes),
          { file: source, at: `dag.edges[${i}]` },
        );
      }
    }
    const key = `${from}\u0000${to}`;
    if (edgeSeen.has(key)) return;
    edgeSeen.add(key);
    edges.push([from, to]);
    children.get(from)!.push(to);
    parents.get(to)!.push(from);
  });

  const ordered = topologicalOrder(body.nodes, children);
  if (!ordered.ok) {
    throw new CursusLabError("DAG_CYCLE", msg.dagCycle(source, ordered.cycle), msg.dagCycleHint(), {
      file: source,
      at: ordered.cycle[0],
    });
  }
  return {
    source,
    name,
    description: body.description,
    nodes: body.nodes,
    edges,
    order: ordered.order,
    parents,
    children,
  };
}
