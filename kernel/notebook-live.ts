import type { RunEvent } from "../src/engine/run-events.js";
import type { TestingFactory } from "../src/factory/testing-factory.js";
import * as msg from "../src/messages.js";
import type { PipelineModel } from "../src/model/pipeline-model.js";
import type { NodeRecord, RunRecord } from "../src/results/run-record.js";
import { ReactiveRun, type ReactiveOptions } from "../src/schedule/reactive-run.js";
import { runChartBundles } from "../src/views/chart-bundle.js";
import { liveBundle } from "../src/views/live-view.js";
import type { MimeBundle } from "../src/views/mime-bundle.js";
import { applyRunEvent, type RunProgress } from "../src/views/run-progress.js";
import { liveRecord, type LiveRun } from "../src/workbook/live-record.js";
import { LiveDisplay } from "./display.js";
import { defaultJobs } from "../src/schedule/prepare-run.js";

/** Output lines arrive fast; redraw for them at most this often (status changes redraw at once). */
const OUTPUT_REDRAW_MS = 300;
/** Several nodes often finish within milliseconds (cache hits): one chart rendering for all of them. */
const CHART_DELAY_MS = 100;

/**
 * `lab.live()`: the factory's current model as a reactive run (the workbook page's code) and one display
 * that stays current. The factory hands it every later model version (configure, a form's Apply), and
 * the run computes exactly the nodes whose spec changed and their descendants.
 */
export class NotebookLive {
  private readonly display = new LiveDisplay();
  private readonly starts = new Map<string, number>();
  private progress: RunProgress;
  private record: RunRecord | undefined;
  private charts: readonly MimeBundle[] = [];
  private chartTimer: NodeJS.Timeout | undefined;
  private charting: Promise<void> = Promise.resolve();
  private drawn = 0;
  private edits = 0;
  private stopped = false;
  /** A display or chart failure in the background, thrown by the next `settled()` rather than lost. */
  private failure: unknown;
  private reactive: ReactiveRun | undefined;
  private readonly live: LiveRun;

  private constructor(
    private readonly factory: TestingFactory,
    jobs: number,
  ) {
    const nodes = factory.getScriptsRequiringTesting().map((n) => n.name);
    this.progress = { runId: "live", jobs, nodes: nodes.map((node) => ({ node, status: "pending", note: "" })), finished: undefined };
    this.live = { sessionId: "live", sessionDir: factory.workspace, python: factory.python, jobs };
  }

  /** Validates the pipeline as `run()` does (a ProblemsError otherwise), shows the display, and starts every node. */
  static async start(factory: TestingFactory, options: ReactiveOptions = {}): Promise<NotebookLive> {
    const view = new NotebookLive(factory, defaultJobs(options.jobs));
    view.reactive = await ReactiveRun.start(factory.model, options, (event) => view.onEvent(event));
    view.draw();
    return view;
  }

  /** How many times each node's script was started since `live()`: a cache hit starts none. */
  get runs(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.progress.nodes.map((n) => [n.node, this.starts.get(n.node) ?? 0]));
  }

  /** The result each node reached last. */
  get results(): ReadonlyMap<string, NodeRecord> {
    return this.reactive?.results ?? new Map();
  }

  /** Moves to the factory's next model version; returns the nodes that compute again, in DAG order. */
  update(model: PipelineModel): string[] {
    if (this.stopped || this.reactive === undefined) return [];
    const changed = this.reactive.update(model);
    if (changed.length === 0) return [];
    this.edits += 1;
    const affected = this.reactive.affectedBy(changed);
    const reached = new Set(affected);
    this.progress = { ...this.progress, nodes: this.progress.nodes.map((n) => (reached.has(n.node) ? { node: n.node, status: "pending", note: "" } : n)) };
    this.draw();
    return affected;
  }

  /** Resolves when every node has a result for the current model, with the display drawn for it. */
  async settled(): Promise<RunRecord> {
    const reactive = this.reactive;
    if (reactive !== undefined && !this.stopped) await reactive.settled();
    if (this.chartTimer !== undefined) clearTimeout(this.chartTimer);
    this.chartTimer = undefined;
    await this.charting;
    const record = liveRecord(this.factory.model, { ...this.live, sessionDir: this.reactive?.folder ?? this.live.sessionDir }, this.results);
    this.record = record;
    this.charts = await runChartBundles(record);
    this.draw();
    if (this.failure !== undefined) throw this.failure;
    return record;
  }

  /** Stops what runs (its processes killed); the display keeps the last state and says it is no longer live. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.chartTimer !== undefined) clearTimeout(this.chartTimer);
    void this.reactive?.dispose();
    this.draw();
  }

  private onEvent(event: RunEvent): void {
    if (this.stopped) return;
    if (event.type === "node-started") this.starts.set(event.node, (this.starts.get(event.node) ?? 0) + 1);
    this.progress = applyRunEvent(this.progress, event);
    if (event.type === "node-output" && Date.now() - this.drawn < OUTPUT_REDRAW_MS) return;
    if (event.type === "node-finished") {
      this.record = liveRecord(this.factory.model, { ...this.live, sessionDir: this.reactive?.folder ?? this.live.sessionDir }, this.results);
      this.scheduleCharts();
    }
    this.draw();
  }

  private scheduleCharts(): void {
    if (this.chartTimer !== undefined) return;
    this.chartTimer = setTimeout(() => {
      this.chartTimer = undefined;
      const record = liveRecord(this.factory.model, { ...this.live, sessionDir: this.reactive?.folder ?? this.live.sessionDir }, this.results);
      this.charting = runChartBundles(record).then(
        (charts) => {
          this.charts = charts;
          this.draw();
        },
        (error: unknown) => void (this.failure = error),
      );
    }, CHART_DELAY_MS);
  }

  /** Runs from run-time callbacks: a failure to draw must not become an unhandled error in the kernel. */
  private draw(): void {
    this.drawn = Date.now();
    const done = this.progress.nodes.filter((n) => n.status !== "pending" && n.status !== "running").length;
    const note = this.stopped ? msg.liveStopped(this.edits) : msg.liveNote(this.edits, done, this.progress.nodes.length);
    try {
      this.display.show(liveBundle(this.progress, this.record, this.charts, note));
    } catch (error) {
      this.failure = error;
    }
  }
}
