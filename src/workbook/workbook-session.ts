import type { RunEvent } from "../engine/run-events.js";
import { CursusLabError, ProblemsError, type Problem } from "../errors.js";
import type { TestingFactory } from "../factory/testing-factory.js";
import * as msg from "../messages.js";
import type { NodeRecord, RunRecord } from "../results/run-record.js";
import { ReactiveRun, type ReactiveOptions } from "../schedule/reactive-run.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import { dagSvg, type DagNode } from "../views/dag-svg.js";
import { progressStatus, type ProgressStatus } from "../views/run-progress.js";
import { runCharts, type ChartSpec } from "../views/run-charts.js";
import type { EditRequest } from "./edit-request.js";
import { liveRecord } from "./live-record.js";
import type { UserCell } from "./workbook-file.js";
import { defaultJobs } from "../schedule/prepare-run.js";

export interface CellState {
  readonly node: string;
  readonly status: ProgressStatus;
  /** How many times the node's script was started since the session began. */
  readonly runs: number;
  readonly spec: ScriptSpec;
  readonly record?: NodeRecord;
  /** Last line the script printed while it runs. */
  readonly note?: string;
}

export interface GraphNode {
  readonly name: string;
  readonly kind: "script" | "phantom" | "error" | "unverified";
  readonly stepType: string;
  readonly reason?: string;
}

export interface SessionSnapshot {
  readonly title: string;
  readonly description: string | undefined;
  readonly dagSvg: string;
  readonly graph: readonly GraphNode[];
  readonly cells: readonly CellState[];
  readonly charts: readonly ChartSpec[];
  readonly userCells: readonly UserCell[];
}

export type SessionEvent =
  | { readonly type: "state"; readonly snapshot: SessionSnapshot }
  | { readonly type: "cell"; readonly cell: CellState }
  | { readonly type: "charts"; readonly charts: readonly ChartSpec[] };

export type EditOutcome = { readonly ok: true; readonly changed: readonly string[]; readonly affected: readonly string[] } | { readonly ok: false; readonly problems: readonly Problem[] };

export interface SessionOptions extends ReactiveOptions {
  readonly title?: string;
  readonly userCells?: readonly UserCell[];
}

/**
 * A workbook session: the factory's current model version driving a reactive run, and what the page
 * shows of each script node. Edits go through the model's own validation (withOverrides), so the page
 * shows the API's messages; the reactive run decides what computes again.
 */
export class WorkbookSession {
  private readonly cells = new Map<string, CellState>();
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private run: ReactiveRun | undefined;
  private chartTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly factory: TestingFactory,
    private readonly options: SessionOptions,
  ) {
    for (const node of factory.getScriptsRequiringTesting()) {
      this.cells.set(node.name, { node: node.name, status: "pending", runs: 0, spec: factory.getScriptSpec(node.name).spec });
    }
  }

  /** Validates the pipeline as `run` does (a ProblemsError otherwise), then starts computing every node. */
  static async start(factory: TestingFactory, options: SessionOptions = {}): Promise<WorkbookSession> {
    const session = new WorkbookSession(factory, options);
    session.run = await ReactiveRun.start(factory.model, options, (event) => session.onRunEvent(event));
    return session;
  }

  /** The script nodes the page has a cell for, in DAG order. */
  get nodes(): readonly string[] {
    return [...this.cells.keys()];
  }

  cell(node: string): CellState | undefined {
    return this.cells.get(node);
  }

  /** Delivers every later event to `listener`; returns the function that stops it. */
  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): SessionSnapshot {
    const { base } = this.factory.model;
    const graph: GraphNode[] = base.discovery.nodes.map((n) => ({
      name: n.name,
      kind: n.status,
      stepType: n.stepType,
      ...(n.status === "script" ? {} : { reason: n.reason }),
    }));
    const pictured: DagNode[] = graph.map((n) => ({
      name: n.name,
      state: n.kind === "script" || n.kind === "unverified" ? "not-run" : n.kind,
      detail: n.kind === "script" ? n.stepType : n.kind,
      title: n.reason ?? n.stepType,
    }));
    return {
      title: this.options.title ?? base.dag.name ?? base.dag.source,
      description: base.dag.description,
      dagSvg: dagSvg(pictured, base.dag.edges),
      graph,
      cells: [...this.cells.values()],
      charts: this.charts(),
      userCells: this.options.userCells ?? [],
    };
  }

  /** Applies one form field; on success exactly the nodes whose spec changed, and their descendants, compute again. */
  edit(request: EditRequest): EditOutcome {
    if (!this.cells.has(request.node)) throw new CursusLabError("UNKNOWN_NODE", msg.workbookUnknownNode(request.node), msg.workbookUnknownNodeHint(this.nodes));
    try {
      this.factory.configureScriptTesting(request.node, { [request.kind]: { [request.name]: request.value } });
      const changed = this.requireRun().update(this.factory.model);
      return { ok: true, changed, affected: this.markPending(changed) };
    } catch (error) {
      if (error instanceof ProblemsError) return { ok: false, problems: error.problems };
      throw error;
    }
  }

  /** Computes a node and its descendants again, as after its script was saved. */
  touch(node: string): readonly string[] {
    if (!this.cells.has(node)) throw new CursusLabError("UNKNOWN_NODE", msg.workbookUnknownNode(node), msg.workbookUnknownNodeHint(this.nodes));
    this.requireRun().touch(node);
    return this.markPending([node]);
  }

  /** Resolves when every node has a result for the current model version. */
  async settled(): Promise<void> {
    await this.requireRun().settled();
  }

  /** Stops whatever runs, with its processes. */
  async dispose(): Promise<void> {
    if (this.chartTimer !== undefined) clearTimeout(this.chartTimer);
    this.listeners.clear();
    await this.run?.dispose();
  }

  private requireRun(): ReactiveRun {
    if (this.run === undefined) throw new CursusLabError("WORKBOOK_NOT_STARTED", msg.workbookNotStarted(), msg.workbookNotStartedHint(), { kind: "internal" });
    return this.run;
  }

  /** The changed nodes and every script node downstream of them, in DAG order; their cells show pending. */
  private markPending(changed: readonly string[]): string[] {
    const affected = this.requireRun().affectedBy(changed).filter((n) => this.cells.has(n));
    for (const node of affected) this.setCell(node, { status: "pending", spec: this.factory.getScriptSpec(node).spec });
    return affected;
  }

  private onRunEvent(event: RunEvent): void {
    if (event.type === "node-started") {
      const runs = (this.cells.get(event.node)?.runs ?? 0) + 1;
      this.setCell(event.node, { status: "running", runs, note: "" });
    } else if (event.type === "node-output") {
      // A running node's last line, as the CLI's progress shows it; only while it runs.
      if (this.cells.get(event.node)?.status === "running") this.setCell(event.node, { note: event.line.slice(0, 300) });
    } else if (event.type === "node-finished") {
      this.setCell(event.node, { status: progressStatus(event.record), record: event.record, note: "" });
      this.scheduleCharts();
    }
  }

  private setCell(node: string, change: Partial<Omit<CellState, "node">>): void {
    const current = this.cells.get(node);
    if (current === undefined) return;
    const next: CellState = { ...current, ...change };
    this.cells.set(node, next);
    this.emit({ type: "cell", cell: next });
  }

  /** Several nodes often finish within a few milliseconds (cache hits): one chart update for all of them. */
  private scheduleCharts(): void {
    if (this.chartTimer !== undefined) return;
    this.chartTimer = setTimeout(() => {
      this.chartTimer = undefined;
      this.emit({ type: "charts", charts: this.charts() });
    }, 50);
  }

  /** The latest result of each node as one run record: what the charts and the exported report show. */
  record(): RunRecord {
    const results = new Map<string, NodeRecord>();
    for (const cell of this.cells.values()) if (cell.record !== undefined) results.set(cell.node, cell.record);
    const live = { sessionId: "workbook", sessionDir: this.run?.folder ?? this.factory.workspace, python: this.factory.python, jobs: defaultJobs(this.options.jobs) };
    return liveRecord(this.factory.model, live, results);
  }

  private charts(): ChartSpec[] {
    const record = this.record();
    return record.nodes.length === 0 ? [] : runCharts(record);
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
