import type { Problem } from "../errors.js";
import * as msg from "../messages.js";
import type { ScriptOverrides } from "./script-overrides.js";

export type OverrideKind = "inputs" | "outputs" | "env" | "args";

/** `NODE.NAME` keys, as the CLI flags and `cursus-lab.json` write them. */
export type DottedOverrides = Partial<Record<OverrideKind, Readonly<Record<string, string>>>>;

/**
 * Groups `{"inputs": {"Node.DATA": "path"}}` into `{"Node": {inputs: {DATA: "path"}}}`; malformed keys
 * become problems. Node names may hold dots (`prep.v1.DATA`), so the node is the longest known name
 * the key starts with; a key naming no known node splits at its first dot, so the problem names it.
 */
export function groupByNode(dotted: DottedOverrides, nodes: readonly string[] = [], resolvePath: (path: string) => string = (p) => p): {
  byNode: Record<string, ScriptOverrides>;
  problems: Problem[];
} {
  const byNode: Record<string, { inputs?: Record<string, string>; outputs?: Record<string, string>; env?: Record<string, string>; args?: Record<string, string> }> = {};
  const problems: Problem[] = [];
  for (const kind of ["inputs", "outputs", "env", "args"] as const) {
    for (const [key, value] of Object.entries(dotted[kind] ?? {})) {
      const known = longestNodePrefix(key, nodes);
      const dot = known === undefined ? key.indexOf(".") : known.length;
      if (dot <= 0 || dot === key.length - 1) {
        problems.push({ node: key, field: kind, message: msg.badDottedKey(kind, key), fix: msg.badDottedKeyFix(kind) });
        continue;
      }
      const node = key.slice(0, dot);
      const name = key.slice(dot + 1);
      const target = (byNode[node] ??= {});
      (target[kind] ??= {})[name] = kind === "inputs" || kind === "outputs" ? resolvePath(value) : value;
    }
  }
  return { byNode, problems };
}

function longestNodePrefix(key: string, nodes: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const node of nodes) if (key.startsWith(`${node}.`) && (best === undefined || node.length > best.length)) best = node;
  return best;
}

/** `NODE.NAME=VALUE` from the command line; the value may itself contain `=`. */
export function parseAssignment(text: string): [string, string] | undefined {
  const eq = text.indexOf("=");
  return eq <= 0 ? undefined : [text.slice(0, eq), text.slice(eq + 1)];
}
