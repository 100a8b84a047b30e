import type { NodeRecord } from "../results/run-record.js";

/** What the runner tells its observers; it never prints. CLI, notebook and workbook render these. */
export type RunEvent =
  | { readonly type: "run-started"; readonly runId: string; readonly nodes: readonly string[]; readonly jobs: number }
  | { readonly type: "node-started"; readonly node: string; readonly at: string }
  | { readonly type: "node-output"; readonly node: string; readonly stream: "stdout" | "stderr"; readonly line: string }
  | { readonly type: "node-finished"; readonly node: string; readonly record: NodeRecord }
  | { readonly type: "run-finished"; readonly runId: string; readonly status: "succeeded" | "failed" | "interrupted" };

export type RunObserver = (event: RunEvent) => void;
