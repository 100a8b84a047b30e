import type { Problem } from "../../src/errors.js";
import type { NodeRecord } from "../../src/results/run-record.js";
import type { ScriptSpec } from "../../src/specs/script-spec.js";
import { formatBytes, formatDuration } from "../../src/views/format.js";
import type { CellState } from "../../src/workbook/workbook-session.js";
import { outputsOf, outputTable } from "./output-files.js";
import { el, postJson } from "./page-api.js";

type Kind = "env" | "args" | "inputs" | "outputs";
/** The data attribute that names a field's key, per kind (`input[data-env="LABEL_FIELD"]`). */
const KEY_ATTR: Record<Kind, string> = { env: "data-env", args: "data-arg", inputs: "data-input", outputs: "data-output" };

interface Field {
  readonly kind: Kind;
  readonly name: string;
  readonly value: string;
  readonly source: string;
}

function fieldsOf(spec: ScriptSpec): Field[] {
  return [
    ...Object.entries(spec.env).map(([name, v]) => ({ kind: "env" as const, name, value: v.value, source: v.source })),
    ...spec.args.map((a) => ({ kind: "args" as const, name: a.flag, value: a.alone === true ? String(a.off !== true) : a.value, source: a.source })),
    ...Object.entries(spec.inputs).map(([name, v]) => ({ kind: "inputs" as const, name, value: v.path, source: v.from === undefined ? v.source : `${v.source}: ${v.from.node}.${v.from.output}` })),
    ...Object.entries(spec.outputs).map(([name, v]) => ({ kind: "outputs" as const, name, value: v.path, source: v.source })),
  ];
}

/** What identifies a result: a cell re-renders its results only when this changes. */
export function resultKey(record: NodeRecord | undefined): string {
  if (record === undefined) return "";
  const at = record.status === "skipped" ? "" : (record.finishedAt ?? "");
  return `${record.status}|${record.cache}|${record.fingerprint ?? ""}|${at}`;
}

/**
 * One script node's cell: its form (every value with its source; a change or Enter applies it through
 * the server, which answers with the model's own problems), its status, and its current result.
 */
export class NodeCell {
  readonly root: HTMLElement;
  private readonly badge = el("span", { class: "cl-badge", "data-wb-status": "" });
  private readonly timing = el("span", { class: "cl-muted", "data-wb-duration": "" });
  private readonly cache = el("div", { class: "cl-muted", "data-wb-cache": "" });
  private readonly note = el("div", { class: "wb-note", "data-wb-note": "" });
  private readonly problems = el("ul", { class: "cl-problems", "data-wb-problems": "" });
  private readonly results = el("div", { "data-wb-results": "" });
  private readonly inputs = new Map<string, { input: HTMLInputElement; source: HTMLElement; problem: HTMLElement }>();
  private shownResult = "";

  constructor(private state: CellState) {
    const node = state.node;
    const rows = fieldsOf(state.spec).map((f) => this.fieldRow(f));
    const table = el("table", { class: "cl-table" }, el("thead", {}, el("tr", {}, el("th", {}, "kind"), el("th", {}, "name"), el("th", {}, "value"), el("th", {}, "source"))), el("tbody", {}, ...rows));
    this.root = el(
      "article",
      { class: "wb-cell", id: `cell-${node}`, "data-node": node },
      el("h3", {}, el("span", {}, node), this.badge, this.timing),
      this.cache,
      this.note,
      el("details", { open: "" }, el("summary", {}, "Values"), table),
      this.problems,
      this.results,
    );
    this.update(state);
  }

  update(state: CellState): void {
    this.state = state;
    this.root.dataset["status"] = state.status;
    this.root.dataset["runs"] = String(state.runs);
    this.badge.className = `cl-badge cl-${state.status}`;
    this.badge.textContent = state.status;
    this.note.textContent = state.status === "running" ? (state.note ?? "") : "";
    const r = state.record;
    this.timing.textContent = r === undefined ? "" : r.reused !== undefined ? `${formatDuration(r.reused.durationMs)} (reused)` : formatDuration(r.durationMs);
    this.cache.textContent = r === undefined ? "" : `${r.cache === "hit" ? "reused" : "ran"}: ${r.cacheReason}`;
    for (const f of fieldsOf(state.spec)) {
      const field = this.inputs.get(`${f.kind}.${f.name}`);
      if (field === undefined) continue;
      field.source.textContent = f.source;
      // Never overwrite what the user is typing.
      if (document.activeElement !== field.input && field.input.getAttribute("aria-invalid") !== "true") {
        field.input.value = f.value;
        field.input.dataset["applied"] = f.value;
      }
    }
    const key = resultKey(r);
    if (key !== this.shownResult && state.status !== "pending" && state.status !== "running") {
      this.shownResult = key;
      this.renderResult(r);
    }
  }

  private fieldRow(f: Field): HTMLTableRowElement {
    const input = el("input", { class: "cl-field", "data-node": this.state.node, [KEY_ATTR[f.kind]]: f.name, name: `${f.kind}.${f.name}` });
    input.value = f.value;
    input.dataset["applied"] = f.value;
    const source = el("code", { "data-wb-source": "" }, f.source);
    const problem = el("div", { class: "wb-field-problem", role: "alert" });
    const apply = (): void => void this.apply(f.kind, f.name, input);
    input.addEventListener("change", apply);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") apply();
    });
    this.inputs.set(`${f.kind}.${f.name}`, { input, source, problem });
    return el("tr", {}, el("td", {}, f.kind), el("td", {}, el("code", {}, f.name)), el("td", {}, input, problem), el("td", {}, source));
  }

  private async apply(kind: Kind, name: string, input: HTMLInputElement): Promise<void> {
    const value = input.value;
    if (value === input.dataset["applied"]) return;
    input.dataset["applied"] = value;
    const { status, reply } = await postJson("edit", { node: this.state.node, kind, name, value });
    const field = this.inputs.get(`${kind}.${name}`);
    this.problems.replaceChildren();
    for (const f of this.inputs.values()) {
      f.problem.textContent = "";
      f.input.removeAttribute("aria-invalid");
    }
    if (status === 200) return;
    // The value was refused: it is not applied, so Enter again retries it.
    input.dataset["applied"] = "";
    const problems = (reply as { problems?: readonly Problem[]; error?: string }).problems ?? [{ node: this.state.node, field: `${kind}.${name}`, message: (reply as { error?: string }).error ?? String(status), fix: "" }];
    for (const p of problems) {
      const target = this.inputs.get(p.field) ?? field;
      if (target !== undefined && (p.field === `${kind}.${name}` || this.inputs.has(p.field))) {
        target.problem.textContent = `${p.message}${p.fix === "" ? "" : ` — ${p.fix}`}`;
        target.input.setAttribute("aria-invalid", "true");
      } else this.problems.append(el("li", {}, `${p.message}${p.fix === "" ? "" : ` — ${p.fix}`}`));
    }
  }

  private renderResult(record: NodeRecord | undefined): void {
    this.results.replaceChildren();
    if (record === undefined) return;
    if (record.status === "failed") this.results.append(el("pre", { class: "wb-note", "data-wb-failure": "" }, [record.error.message, ...record.error.tail.slice(-12)].join("\n")));
    if (record.status === "skipped") this.results.append(el("div", { class: "cl-muted" }, record.cacheReason));
    if (record.status === "interrupted") this.results.append(el("div", { class: "cl-muted" }, record.message));
    const outputs = outputsOf(record);
    if (outputs.length === 0) return;
    const rows = outputs.map((o) => {
      const rowCount = o.files.reduce((n, f) => n + (f.rows ?? 0), 0);
      const counted = o.files.some((f) => f.rows !== undefined);
      return el("tr", {}, el("td", {}, el("code", {}, o.logicalName)), el("td", {}, String(o.fileCount)), el("td", {}, formatBytes(o.totalBytes)), el("td", {}, counted ? String(rowCount) : ""), el("td", {}, o.files.map((f) => f.path).slice(0, 5).join(", ")));
    });
    const head = el("tr", {}, ...["output", "files", "size", "rows", "files (largest first)"].map((h) => el("th", {}, h)));
    this.results.append(el("table", { class: "cl-table", "data-wb-outputs": "" }, el("thead", {}, head), el("tbody", {}, ...rows)));
    for (const o of outputs) {
      const csv = o.files.find((f) => /\.(csv|tsv)$/i.test(f.path));
      if (csv !== undefined) void this.preview(record, o.logicalName, csv.path);
    }
  }

  /** The first rows of a tabular output, read with arquero from the file the result lists. */
  private async preview(record: NodeRecord, output: string, file: string): Promise<void> {
    const figure = el("figure", { "data-wb-preview": `${output}/${file}` }, el("figcaption", {}, `${output}/${file}: first rows`));
    this.results.append(figure);
    try {
      const table = await outputTable(record, output, file);
      const shown = table.select(table.columnNames().slice(0, 10));
      const wrap = el("div");
      wrap.innerHTML = shown.toHTML({ limit: 5 });
      wrap.querySelector("table")?.classList.add("cl-table");
      figure.append(wrap, el("div", { class: "cl-muted" }, `${table.numRows()} rows × ${table.numCols()} columns`));
    } catch (error) {
      figure.append(el("div", { class: "cl-muted" }, String(error instanceof Error ? error.message : error)));
    }
  }
}
