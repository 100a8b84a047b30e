import { writeFileSync } from "node:fs";
import type { StepCatalog } from "../catalog/step-catalog.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import type { Dag } from "../dag/dag.js";
import type { Discovery, NodeDiscovery, ScriptNode } from "../discovery/node-discovery.js";
import type { Problem } from "../errors.js";
import { readJsonFile } from "../io/read-json-file.js";
import { parseWith } from "../io/zod-issues.js";
import { defaultPython } from "../engine/check-python.js";
import type { RunObserver } from "../engine/run-events.js";
import type { LocalSettings } from "../model/local-settings.js";
import type { ModelOptions, WiringWarning } from "../model/model-options.js";
import { PipelineModel } from "../model/pipeline-model.js";
import type { RunRecord } from "../results/run-record.js";
import { executeRun, type RunOptions } from "../schedule/execute-run.js";
import { planReport, type PlanReport } from "../schedule/plan-report.js";
import { planRun } from "../schedule/plan-run.js";
import type { DottedOverrides } from "../specs/dotted-overrides.js";
import type { ScriptRequirements } from "../specs/requirements.js";
import type { SpecResolution } from "../specs/resolve-spec.js";
import type { ParsedOverrides, ScriptOverrides } from "../specs/script-overrides.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import type { Wire, Wiring } from "../wiring/wire-edges.js";
import { savedConfigurationsSchema, type SavedConfigurations } from "./saved-configurations.js";

export type FactoryOptions = ModelOptions;

/** What summaries show as the config in DAG-only mode. */
export const NO_CONFIG = "(none: DAG-only)";
export type { WiringWarning };

export interface FactorySummary {
  readonly dag: string;
  readonly config: string;
  readonly dagNodes: number;
  readonly scriptNodes: readonly string[];
  readonly phantoms: readonly { node: string; reason: string }[];
  readonly errors: readonly { node: string; reason: string; hint: string }[];
  /** DAG-only mode: nodes of script-running step types whose entry point no config confirms. */
  readonly unverified: readonly { node: string; reason: string }[];
  readonly pending: readonly { node: string; problems: readonly Problem[] }[];
  readonly readyForTesting: readonly string[];
  readonly interfaceOverrides: readonly { stepType: string; file: string; overrides: string }[];
  readonly warnings: readonly WiringWarning[];
}

/**
 * The API users of the Python original know, as a stateful facade over the immutable pipeline model:
 * each configure call replaces the current model with the next version.
 */
export class TestingFactory {
  private current: PipelineModel;

  constructor(options: FactoryOptions) {
    this.current = PipelineModel.load(options, defaultPython);
  }

  /** The model as configured so far; it never changes, later configure calls make another. */
  get model(): PipelineModel {
    return this.current;
  }
  get dag(): Dag {
    return this.current.base.dag;
  }
  /** Undefined in DAG-only mode (no config given). */
  get config(): PipelineConfig | undefined {
    return this.current.base.config;
  }
  get catalog(): StepCatalog {
    return this.current.base.catalog;
  }
  get discovery(): Discovery {
    return this.current.base.discovery;
  }
  get workspace(): string {
    return this.current.base.workspace;
  }
  get python(): string {
    return this.current.base.python;
  }
  /** The `cursus-lab.json` applied, if any. */
  get settings(): LocalSettings | undefined {
    return this.current.base.settings;
  }
  /** The wires that feed inputs now: an input you gave a path to reads that path, not its wire. */
  get wires(): readonly Wire[] {
    return this.current.base.wiring.wires.filter((w) => this.current.feeds(w));
  }
  /** The wires with what was considered for each input, the ties, and the edges that feed nothing. */
  get wiring(): Wiring {
    return this.current.base.wiring;
  }
  get warnings(): readonly WiringWarning[] {
    return this.current.base.warnings;
  }

  /** Runs the script nodes (or a selection) as real processes in DAG order and resolves to the run record. */
  executeDagGuidedTesting(options: RunOptions = {}, observer?: RunObserver): Promise<RunRecord> {
    return executeRun(this.current, options, observer);
  }

  /** What a run with these options would do, starting no script: each node's decision and reason, values, paths and wires. */
  async plan(options: RunOptions = {}): Promise<PlanReport> {
    return planReport(this.current, await planRun(this.current, options));
  }

  getScriptsRequiringTesting(): ScriptNode[] {
    return this.current.scriptNodes();
  }

  getNode(node: string): NodeDiscovery {
    return this.current.node(node);
  }

  getScriptTestingRequirements(node: string): ScriptRequirements {
    return this.current.requirements(node);
  }

  /** The node's spec with the overrides so far, and its problems if it is not ready. */
  getScriptSpec(node: string): SpecResolution {
    return this.current.spec(node);
  }

  getOverrides(node: string): ParsedOverrides {
    return this.current.overridesOf(node);
  }

  /** Merges `overrides` over the node's current ones; on any problem nothing changes and all problems are thrown together. */
  configureScriptTesting(node: string, overrides: ScriptOverrides): ScriptSpec {
    this.current = this.current.withOverrides(node, overrides);
    return this.current.spec(node).spec;
  }

  /**
   * Configures several nodes at once, all or nothing. Only problems with the values given are errors here;
   * what is still missing leaves the node pending, as `getPendingScriptConfigurations` reports.
   */
  applyOverrides(byNode: Readonly<Record<string, ScriptOverrides>>): void {
    this.current = this.current.withManyOverrides(byNode);
  }

  /** Applies `{"inputs": {"NODE.LOGICAL": path}, "env": {"NODE.NAME": value}, ...}`, as the CLI flags and settings file write them. */
  applyDottedOverrides(dotted: DottedOverrides): void {
    this.current = this.current.withDottedOverrides(dotted);
  }

  getPendingScriptConfigurations(): { node: string; problems: readonly Problem[] }[] {
    return this.current.pending();
  }

  getTestingFactorySummary(): FactorySummary {
    const { base } = this.current;
    const pending = this.current.pending();
    const pendingNames = new Set(pending.map((p) => p.node));
    const scripts = this.current.scriptNodes().map((n) => n.name);
    return {
      dag: base.dag.source,
      config: base.config?.source ?? NO_CONFIG,
      dagNodes: base.discovery.summary.dagNodes,
      scriptNodes: scripts,
      phantoms: base.discovery.nodes.flatMap((n) => (n.status === "phantom" ? [{ node: n.name, reason: n.reason }] : [])),
      errors: base.discovery.nodes.flatMap((n) => (n.status === "error" ? [{ node: n.name, reason: n.reason, hint: n.hint }] : [])),
      unverified: base.discovery.nodes.flatMap((n) => (n.status === "unverified" ? [{ node: n.name, reason: n.reason }] : [])),
      pending,
      readyForTesting: scripts.filter((s) => !pendingNames.has(s)),
      interfaceOverrides: base.catalog.overrides.map((o) => ({ stepType: o.stepType, file: o.file, overrides: o.overrides! })),
      warnings: base.warnings,
    };
  }

  saveConfigurations(file: string): void {
    const nodes = this.current.scriptNodes();
    const saved: SavedConfigurations = {
      format: "cursus-lab.configurations",
      version: 1,
      dag: this.dag.source,
      config: this.config?.source ?? NO_CONFIG,
      overrides: Object.fromEntries(nodes.flatMap((n) => (Object.keys(this.getOverrides(n.name)).length === 0 ? [] : [[n.name, this.getOverrides(n.name)]]))),
      specs: Object.fromEntries(nodes.map((n) => [n.name, this.getScriptSpec(n.name).spec])),
    };
    writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
  }

  /** Applies saved overrides to every node they name; all problems of all nodes come back in one error. */
  loadConfigurations(file: string): void {
    const saved = parseWith(savedConfigurationsSchema, readJsonFile(file, "saved configurations"), file, "saved configurations", "a file written by saveConfigurations");
    this.applyOverrides(saved.overrides);
  }
}

export function createFactory(options: FactoryOptions): TestingFactory {
  return new TestingFactory(options);
}
