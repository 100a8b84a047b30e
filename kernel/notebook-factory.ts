import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CursusLabError, ProblemsError } from "../src/errors.js";
import * as msg from "../src/messages.js";
import type { RunOptions } from "../src/schedule/execute-run.js";
import { TestingFactory, type FactoryOptions } from "../src/factory/testing-factory.js";
import { packageRoot } from "../src/package-root.js";
import type { ReportOptions } from "../src/report/build-report.js";
import { writeReport, type WrittenReport } from "../src/report/write-report.js";
import type { RunRecord } from "../src/results/run-record.js";
import type { RunEvent } from "../src/engine/run-events.js";
import type { ReactiveOptions } from "../src/schedule/reactive-run.js";
import type { DottedOverrides } from "../src/specs/dotted-overrides.js";
import type { ScriptOverrides } from "../src/specs/script-overrides.js";
import type { ScriptSpec } from "../src/specs/script-spec.js";
import { runChartBundles } from "../src/views/chart-bundle.js";
import { dagBundle } from "../src/views/dag-view.js";
import { discoveryBundle } from "../src/views/discovery-view.js";
import type { MimeBundle } from "../src/views/mime-bundle.js";
import { problemsBundle } from "../src/views/problems-view.js";
import { requirementsBundle } from "../src/views/requirements-view.js";
import { applyRunEvent, initialProgress, progressBundle } from "../src/views/run-progress.js";
import { reportWrittenBundle } from "../src/views/report-written-view.js";
import { runResultsBundle } from "../src/views/run-results-view.js";
import { startConfigServer, type ConfigServer } from "./config-server.js";
import { display, LiveDisplay } from "./display.js";
import { fieldChecks } from "./field-checks.js";
import { replaceInterruptStack } from "./interrupt-notice.js";
import { NotebookLive } from "./notebook-live.js";

/** Built by kernel/build-kernel.js from widgets/requirements-form.ts. */
export const FORM_WIDGET = join(packageRoot, "dist", "widgets", "requirements-form.js");

export interface NotebookReportOptions extends ReportOptions {
  /** The run to report; default: this factory's last `run()` in this kernel. */
  readonly record?: RunRecord;
  /** Where to write it; default: report.html in the run's folder, as `cursus-lab report` does. */
  readonly file?: string;
}

/** Output lines arrive fast; redraw the progress table at most this often for them (status changes redraw at once). */
const OUTPUT_REDRAW_MS = 300;

/**
 * The testing factory with notebook helpers: every `show*` call renders one rich output (HTML, Vega-Lite,
 * text) in the running tslab cell. All of the API (`configureScriptTesting`, ...) stays available.
 */
export class NotebookFactory extends TestingFactory {
  private channel: Promise<ConfigServer> | undefined;
  private replaced = false;
  private last: RunRecord | undefined;
  private liveView: NotebookLive | undefined;

  /** The record of this factory's last `run()` in this kernel (interrupted runs included). */
  get lastRun(): RunRecord | undefined {
    return this.last;
  }

  /**
   * Forms of this factory stop applying edits, each saying why: a later `factory(...)` cell took its
   * place, and an edit here would change an object the notebook no longer uses.
   */
  markReplaced(): void {
    this.replaced = true;
    // Its live run would compete with the later factory's for the same workspace and scripts.
    this.liveView?.stop();
  }

  /** Discovery counts and the phantom-elimination table. */
  showDiscovery(): void {
    display(this.discoveryBundle());
  }

  discoveryBundle(): MimeBundle {
    return discoveryBundle(this.getTestingFactorySummary(), this.discovery);
  }

  /** The DAG as a picture: phantoms greyed, script nodes coloured by the last run once there is one. */
  showDag(record: RunRecord | undefined = this.last): void {
    display(this.dagBundle(record));
  }

  dagBundle(record: RunRecord | undefined = this.last): MimeBundle {
    return dagBundle(this.discovery, this.dag.edges, record);
  }

  /** One script node's inputs, outputs, env vars and job arguments with their sources, read-only. */
  showRequirements(node: string): void {
    display(requirementsBundle(this.getScriptTestingRequirements(node), this.getScriptSpec(node), this.wires));
  }

  /** The same view as an editable form; Apply sends the changed values to this kernel by the first route that reaches it. */
  async editRequirements(node: string): Promise<void> {
    const req = this.getScriptTestingRequirements(node);
    const channel = await this.configChannel();
    const script = readFileSync(FORM_WIDGET, "utf8");
    const checks = fieldChecks(this, node);
    display(requirementsBundle(req, this.getScriptSpec(node), this.wires, { endpoint: channel.endpoint, token: channel.token, script, checks }));
  }

  /**
   * `configureScriptTesting` with its outcome shown: the updated requirements, or every problem with its fix
   * (nothing changes then). For a cell that should fail on bad values, call `configureScriptTesting` itself.
   */
  configure(node: string, overrides: ScriptOverrides): void {
    try {
      this.configureScriptTesting(node, overrides);
    } catch (error) {
      if (!(error instanceof ProblemsError)) throw error;
      display(problemsBundle(error.message, error.problems, error.hint));
      return;
    }
    this.showRequirements(node);
  }

  // Every configuration change lands in these three (configure, a form's Apply through form-edit.ts, the
  // API itself), so the live display, when there is one, follows each model version the factory makes.
  override configureScriptTesting(node: string, overrides: ScriptOverrides): ScriptSpec {
    const spec = super.configureScriptTesting(node, overrides);
    this.liveView?.update(this.model);
    return spec;
  }

  override applyOverrides(byNode: Readonly<Record<string, ScriptOverrides>>): void {
    super.applyOverrides(byNode);
    this.liveView?.update(this.model);
  }

  override applyDottedOverrides(dotted: DottedOverrides): void {
    super.applyDottedOverrides(dotted);
    this.liveView?.update(this.model);
  }

  /**
   * One display that stays current: the status table, results and charts of a reactive run over this
   * factory's model (the workbook page's code). After `configure(...)` or a form's Apply, exactly the
   * nodes whose spec changed and their descendants run again, and the display updates in place.
   * Calling it again stops the previous display's run first; `stop()` ends it.
   */
  async live(options: ReactiveOptions = {}): Promise<NotebookLive> {
    this.liveView?.stop();
    this.liveView = undefined;
    try {
      this.liveView = await NotebookLive.start(this, options);
    } catch (error) {
      if (error instanceof ProblemsError) display(problemsBundle(error.message, error.problems, error.hint));
      throw error;
    }
    return this.liveView;
  }

  /** The loopback channel the forms post to, started on first use; one per factory, with its own token. */
  configChannel(): Promise<ConfigServer> {
    this.channel ??= startConfigServer(this, () => (this.replaced ? msg.formOfReplacedFactory() : undefined));
    return this.channel;
  }

  /**
   * Runs the script nodes with live progress in one output updated in place, then shows the results table
   * and the timing, duration and output charts. Problems found before the run are shown, then thrown.
   * Jupyter's Interrupt stops the running scripts (with their child processes) and still writes run.json.
   */
  async run(options: RunOptions = {}): Promise<RunRecord> {
    const live = new LiveDisplay();
    let state = initialProgress;
    let drawn = 0;
    // tslab ends the cell at once on SIGINT; the run must end too, or its scripts outlive the interrupt.
    // A SIGINT listener added while the cell's synchronous part runs (tslab runs it with breakOnSigint)
    // leaves the kernel to die on the next interrupt, so it is added once that part is over.
    await new Promise((resolve) => setImmediate(resolve));
    const interrupt = new AbortController();
    const onInterrupt = (): void => {
      // Runs before tslab reports the interrupt: the display says so at once, and the stack tslab prints goes.
      replaceInterruptStack();
      interrupt.abort();
      live.show(progressBundle(state));
    };
    process.on("SIGINT", onInterrupt);
    const signal = options.signal === undefined ? interrupt.signal : AbortSignal.any([options.signal, interrupt.signal]);
    live.show(progressBundle(state));
    const observer = (event: RunEvent): void => {
      state = applyRunEvent(state, event);
      const now = Date.now();
      if (event.type === "node-output" && now - drawn < OUTPUT_REDRAW_MS) return;
      drawn = now;
      live.show(progressBundle(state));
    };
    let record: RunRecord;
    try {
      record = await this.executeDagGuidedTesting({ ...options, signal }, observer);
    } catch (error) {
      if (error instanceof ProblemsError) display(problemsBundle(error.message, error.problems, error.hint));
      throw error;
    } finally {
      process.off("SIGINT", onInterrupt);
    }
    this.last = record;
    // After an interrupt the cell is over: the progress output is updated in place (by its display id) to
    // the final state, but nothing else is drawn, since another output would land in whichever cell runs next.
    live.show(progressBundle(state));
    if (interrupt.signal.aborted) return record;
    this.showResults(record);
    await this.showCharts(record);
    return record;
  }

  showResults(record: RunRecord): void {
    display(runResultsBundle(record));
  }

  async showCharts(record: RunRecord): Promise<void> {
    for (const bundle of await runChartBundles(record)) display(bundle);
  }

  /**
   * Writes the one-file HTML report of the last run (or of `options.record`) and shows where it went, with
   * the run's outcome. Paths in the report are relative to the current folder, the project root in the
   * project's kernel, unless `projectRoot` says otherwise.
   */
  async report(options: NotebookReportOptions = {}): Promise<WrittenReport> {
    const { record = this.last, file, ...reportOptions } = options;
    if (record === undefined) throw new CursusLabError("NO_RUN_TO_REPORT", msg.notebookNoRunYet(), msg.notebookNoRunYetHint());
    const written = await writeReport(record, file ?? join(record.runDir, "report.html"), reportOptions);
    const shown = relative(reportOptions.projectRoot ?? process.cwd(), written.file);
    display(reportWrittenBundle(record, shown.startsWith("..") ? written.file : shown, written.bytes));
    return written;
  }

  /** Stops the form channel; forms shown earlier then report that the kernel is gone. */
  async close(): Promise<void> {
    this.liveView?.stop();
    this.liveView = undefined;
    const channel = this.channel;
    this.channel = undefined;
    if (channel !== undefined) await (await channel).close();
  }
}

/**
 * `factory({dag, config, ...})`: a testing factory whose helpers render in the notebook. Without a
 * `workspace` option, `CURSUS_LAB_WORKSPACE` (when set) says where runs go, so a notebook's code stays
 * the same when a test or a documentation build runs it in a scratch folder.
 */
export function factory(options: FactoryOptions): NotebookFactory {
  const workspace = options.workspace ?? process.env["CURSUS_LAB_WORKSPACE"];
  const made = new NotebookFactory(workspace === undefined ? options : { ...options, workspace });
  // Re-running a factory cell makes a second factory for the same files and workspace; the first one's
  // forms are still on the page. Factories made from parsed JSON have no such identity and stay live.
  if (typeof options.dag === "string" && typeof options.config === "string") {
    const key = JSON.stringify([made.dag.source, made.config?.source ?? null, made.workspace]);
    live.get(key)?.markReplaced();
    live.set(key, made);
  }
  return made;
}

/** The newest factory for each (DAG file, config file, workspace) in this kernel. */
const live = new Map<string, NotebookFactory>();
