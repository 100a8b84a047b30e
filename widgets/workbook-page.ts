/*
 * The workbook page (served by `cursus-lab workbook`): the DAG coloured by live status, charts, the
 * workbook file's cells and one cell per script node. Everything comes from the session's event
 * stream; the first event is the whole state, so a reconnect starts over cleanly.
 */
import vegaEmbed, { type Result } from "vega-embed";
import type { ChartSpec } from "../src/views/chart-config.js";
import type { CellState, SessionEvent, SessionSnapshot } from "../src/workbook/workbook-session.js";
import { NodeCell, resultKey } from "./workbook/node-cell.js";
import { el, pageUrl } from "./workbook/page-api.js";
import { UserCells } from "./workbook/user-cells.js";

const DAG_STATES = ["not-run", "pending", "running", "succeeded", "cached", "failed", "skipped", "interrupted"];

class WorkbookPage {
  private cells = new Map<string, NodeCell>();
  private user: UserCells | undefined;
  private charts = new Map<string, { figure: HTMLElement; view: Result | undefined; json: string }>();
  private snapshot: SessionSnapshot | undefined;

  load(snapshot: SessionSnapshot): void {
    this.snapshot = snapshot;
    this.user?.dispose();
    const picture = document.getElementById("wb-dag-picture")!;
    picture.innerHTML = snapshot.dagSvg;
    picture.onclick = (e) => this.describe(e);
    const container = document.getElementById("wb-cells")!;
    container.replaceChildren();
    this.cells = new Map();
    for (const state of snapshot.cells) {
      const cell = new NodeCell(state);
      this.cells.set(state.node, cell);
      container.append(cell.root);
    }
    const userContainer = document.getElementById("wb-user-cells")!;
    userContainer.replaceChildren();
    document.getElementById("wb-user")!.hidden = snapshot.userCells.length === 0;
    this.user = new UserCells(userContainer, snapshot.userCells, snapshot.cells.map((c) => c.node));
    for (const state of snapshot.cells) this.cellChanged(state);
    this.showCharts(snapshot.charts);
  }

  cellChanged(state: CellState): void {
    this.cells.get(state.node)?.update(state);
    const box = document.querySelector(`[data-cl-dag-node="${CSS.escape(state.node)}"]`);
    if (box !== null) {
      for (const s of DAG_STATES) box.classList.remove(`cl-dag-${s}`);
      box.classList.add(`cl-dag-${state.status}`);
      box.setAttribute("data-cl-state", state.status);
    }
    if (state.status !== "pending" && state.status !== "running") this.user?.setResult(state.node, state.record, resultKey(state.record));
  }

  /** Re-embeds only the charts whose spec changed; each replaced view is finalized, so edits do not pile up views. */
  showCharts(charts: readonly ChartSpec[]): void {
    const container = document.getElementById("wb-charts")!;
    for (const chart of charts) {
      const json = JSON.stringify(chart.spec);
      let entry = this.charts.get(chart.name);
      if (entry === undefined) {
        entry = { figure: el("figure", { "data-wb-chart": chart.name }), view: undefined, json: "" };
        this.charts.set(chart.name, entry);
        container.append(entry.figure);
      }
      if (entry.json === json) continue;
      entry.json = json;
      entry.view?.finalize();
      const target = el("div");
      entry.figure.replaceChildren(el("figcaption", {}, chart.title), target);
      const current = entry;
      void vegaEmbed(target, chart.spec as Parameters<typeof vegaEmbed>[1], { actions: false }).then((view) => (current.view = view));
    }
  }

  /** A click on a phantom says why it does not run; a click on a script node goes to its cell. */
  private describe(event: MouseEvent): void {
    const box = (event.target as Element).closest("[data-cl-dag-node]");
    const name = box?.getAttribute("data-cl-dag-node");
    const node = this.snapshot?.graph.find((n) => n.name === name);
    const detail = document.getElementById("wb-dag-detail")!;
    if (node === undefined) return;
    if (node.kind === "script") {
      detail.textContent = "";
      document.getElementById(`cell-${node.name}`)?.scrollIntoView({ behavior: "smooth" });
    } else detail.textContent = `${node.name} (${node.kind}): ${node.reason ?? ""}`;
  }
}

const page = new WorkbookPage();
const connection = document.getElementById("wb-connection")!;
const source = new EventSource(pageUrl("events"));
source.onopen = () => void (connection.textContent = "live");
source.onerror = () => void (connection.textContent = "disconnected: is cursus-lab workbook still running?");
source.onmessage = (message: MessageEvent<string>) => {
  const event = JSON.parse(message.data) as SessionEvent;
  if (event.type === "state") page.load(event.snapshot);
  else if (event.type === "cell") page.cellChanged(event.cell);
  else page.showCharts(event.charts);
};
