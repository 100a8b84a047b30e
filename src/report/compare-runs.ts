import { argValueText } from "../specs/arg-text.js";
import type { NodeRecord, RunRecord } from "../results/run-record.js";

export type Change =
  | { readonly kind: "env" | "arg" | "input" | "output"; readonly name: string; readonly before: string | undefined; readonly after: string | undefined }
  | { readonly kind: "script"; readonly before: string; readonly after: string }
  | { readonly kind: "status"; readonly before: string; readonly after: string }
  | { readonly kind: "upstream"; readonly node: string }
  | { readonly kind: "fingerprint" }
  | { readonly kind: "added" };

export interface NodeComparison {
  readonly node: string;
  readonly changes: readonly Change[];
  /** What the current run did with it: `reran`, `reused`, or it did not run (`skipped`, ...). */
  readonly outcome: "reran" | "reused" | "skipped" | "failed" | "interrupted";
}

function valueMap(node: NodeRecord, kind: "env" | "arg" | "input" | "output"): Map<string, string> {
  const spec = node.spec;
  switch (kind) {
    case "env":
      return new Map(Object.entries(spec === undefined ? node.env : Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, v.value]))));
    case "arg":
      return new Map(spec === undefined ? [["args", node.args.join(" ")]] : spec.args.map((a) => [a.flag, argValueText(a)]));
    case "input":
      return new Map(
        spec === undefined
          ? Object.entries(node.inputs)
          : Object.entries(spec.inputs).map(([k, v]) => [k, v.from === undefined ? v.path : `${v.from.node}.${v.from.output}`]),
      );
    case "output":
      return new Map(spec === undefined ? [] : Object.entries(spec.outputs).map(([k, v]) => [k, v.path]));
  }
}

function diff(kind: "env" | "arg" | "input" | "output", before: NodeRecord, after: NodeRecord): Change[] {
  const a = valueMap(before, kind);
  const b = valueMap(after, kind);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  return names.filter((n) => a.get(n) !== b.get(n)).map((name) => ({ kind, name, before: a.get(name), after: b.get(name) }));
}

function outcomeOf(node: NodeRecord): NodeComparison["outcome"] {
  if (node.status === "succeeded") return node.cache === "hit" ? "reused" : "reran";
  return node.status;
}

/**
 * What changed for each node between two runs, and so why it ran again: its values, script and inputs, a
 * changed upstream result, or only its fingerprint (a script's sibling module, the interpreter). Nodes
 * that neither changed nor reran are left out.
 */
export function compareRuns(current: RunRecord, earlier: RunRecord): NodeComparison[] {
  const before = new Map(earlier.nodes.map((n) => [n.name, n]));
  const changedFingerprint = new Set<string>();
  const out: NodeComparison[] = [];
  for (const node of current.nodes) {
    const old = before.get(node.name);
    const outcome = outcomeOf(node);
    if (old === undefined) {
      out.push({ node: node.name, changes: [{ kind: "added" }], outcome });
      continue;
    }
    const changes: Change[] = [...diff("env", old, node), ...diff("arg", old, node), ...diff("input", old, node), ...diff("output", old, node)];
    if (old.scriptPath !== node.scriptPath) changes.push({ kind: "script", before: old.scriptPath, after: node.scriptPath });
    const upstream = current.wires.filter((w) => w.node === node.name && changedFingerprint.has(w.fromNode)).map((w) => w.fromNode);
    for (const up of new Set(upstream)) changes.push({ kind: "upstream", node: up });
    const fingerprintChanged = old.fingerprint !== undefined && node.fingerprint !== undefined && old.fingerprint !== node.fingerprint;
    if (fingerprintChanged) changedFingerprint.add(node.name);
    if (fingerprintChanged && changes.length === 0) changes.push({ kind: "fingerprint" });
    if (old.status !== node.status) changes.push({ kind: "status", before: old.status, after: node.status });
    if (changes.length > 0 || outcome === "reran") out.push({ node: node.name, changes, outcome });
  }
  return out;
}
