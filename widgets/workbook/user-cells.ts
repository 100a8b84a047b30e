import * as aq from "arquero";
import { Runtime, type Module, type Variable } from "@observablehq/runtime";
import vegaEmbed, { type Result } from "vega-embed";
import type { NodeRecord } from "../../src/results/run-record.js";
import type { UserCell } from "../../src/workbook/workbook-file.js";
import { outputTable, outputText } from "./output-files.js";
import { el } from "./page-api.js";

/** What a user cell sees of a script node: its current result and readers for its output files. */
export interface NodeHandle {
  readonly name: string;
  readonly status: string;
  readonly record: NodeRecord;
  csv(output: string, file?: string): Promise<aq.ColumnTable>;
  json(output: string, file?: string): Promise<unknown>;
  text(output: string, file?: string): Promise<string>;
}

const nodeVar = (node: string): string => `node ${node}`;
type CellFunction = (nodes: Record<string, NodeHandle>, arquero: typeof aq, memo: Record<string, unknown>) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => CellFunction;

/**
 * The workbook file's cells as variables of an Observable runtime in the page, each depending on the
 * result variables of the nodes it reads: when one of those nodes has a different result, exactly the
 * cells that read it evaluate again.
 */
export class UserCells {
  private readonly runtime = new Runtime({}, (name) => {
    throw new Error(`${name} is not defined: a cell reads nodes through its first argument`);
  });
  private readonly module: Module = this.runtime.module();
  private readonly nodes = new Map<string, Variable>();
  /** Until a node's first result arrives its variable is a promise resolved then: the runtime waits for a
   * variable's previous value before it computes the next one, so a promise that never settles would block it. */
  private readonly first = new Map<string, (handle: NodeHandle) => void>();
  private readonly shown = new Map<string, string>();
  /** Kept across evaluations, so a cell can compare what it saw before (e.g. one row per method tried). */
  private readonly memo: Record<string, unknown> = {};

  constructor(container: HTMLElement, cells: readonly UserCell[], scriptNodes: readonly string[]) {
    for (const node of scriptNodes) {
      const value = new Promise<NodeHandle>((resolve) => this.first.set(node, resolve));
      this.nodes.set(node, this.module.variable().define(nodeVar(node), value));
    }
    for (const cell of cells) {
      const output = el("div", { "data-wb-output": "" });
      const root = el("article", { class: "wb-user-cell", "data-cell": cell.name, "data-state": "pending", "data-evaluations": "0" }, el("h3", {}, cell.title ?? cell.name), el("div", { class: "cl-muted" }, `reads ${cell.reads.join(", ") || "no node"}`), output);
      container.append(root);
      const fn = new AsyncFunction("nodes", "aq", "memo", cell.code);
      const reads = cell.reads.filter((r) => this.nodes.has(r));
      let view: Result | undefined;
      const observer = {
        pending: () => void (root.dataset["state"] = "pending"),
        fulfilled: (value: unknown) => {
          view?.finalize();
          view = undefined;
          void show(output, value).then((v) => {
            view = v;
            root.dataset["state"] = "fulfilled";
            root.dataset["evaluations"] = String(Number(root.dataset["evaluations"]) + 1);
          });
        },
        rejected: (error: unknown) => {
          root.dataset["state"] = "rejected";
          output.replaceChildren(el("pre", { class: "wb-error" }, error instanceof Error ? error.message : String(error)));
        },
      };
      this.module.variable(observer).define(cell.name, reads.map(nodeVar), (...handles: NodeHandle[]) =>
        fn(Object.fromEntries(handles.map((h) => [h.name, h])), aq, this.memo),
      );
    }
  }

  /** A node's result reached the page: cells reading it evaluate again if it differs from the one they saw. */
  setResult(node: string, record: NodeRecord | undefined, key: string): void {
    const variable = this.nodes.get(node);
    if (variable === undefined || record === undefined || this.shown.get(node) === key) return;
    this.shown.set(node, key);
    const handle: NodeHandle = {
      name: node,
      status: record.status,
      record,
      csv: (output, file) => outputTable(record, output, file),
      json: async (output, file) => JSON.parse(await outputText(record, output, /\.json$/i, file)) as unknown,
      text: (output, file) => outputText(record, output, /./, file),
    };
    const resolveFirst = this.first.get(node);
    this.first.delete(node);
    if (resolveFirst !== undefined) resolveFirst(handle);
    else variable.define(nodeVar(node), handle);
  }

  dispose(): void {
    this.runtime.dispose();
  }
}

/** A DOM node as is, a Vega-Lite spec as a chart, an arquero table as a table, anything else as text. */
async function show(output: HTMLElement, value: unknown): Promise<Result | undefined> {
  if (value instanceof Node) {
    output.replaceChildren(value);
    return undefined;
  }
  if (typeof value === "object" && value !== null && typeof (value as { $schema?: unknown }).$schema === "string") {
    const target = el("div", { "data-wb-chart": "" });
    output.replaceChildren(target);
    return vegaEmbed(target, value as Parameters<typeof vegaEmbed>[1], { actions: false });
  }
  if (typeof value === "object" && value !== null && typeof (value as { toHTML?: unknown }).toHTML === "function") {
    const wrap = el("div");
    wrap.innerHTML = (value as aq.ColumnTable).toHTML({ limit: 20 });
    wrap.querySelector("table")?.classList.add("cl-table");
    output.replaceChildren(wrap);
    return undefined;
  }
  output.replaceChildren(el("pre", {}, typeof value === "string" ? value : JSON.stringify(value, null, 2)));
  return undefined;
}
