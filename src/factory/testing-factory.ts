import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildCatalog, lookupEnvRule, lookupStep, type StepCatalog } from "../catalog/step-catalog.js";
import { loadConfig, type ConfigInput } from "../config/load-config.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import { loadDag, type DagInput } from "../dag/parse-dag.js";
import type { Dag } from "../dag/dag.js";
import { discover } from "../discovery/discover.js";
import type { Discovery, NodeDiscovery, ScriptNode } from "../discovery/node-discovery.js";
import { CursusLabError, ProblemsError, type Problem } from "../errors.js";
import { readJsonFile } from "../io/read-json-file.js";
import { parseWith } from "../io/zod-issues.js";
import * as msg from "../messages.js";
import { scriptParents } from "../wiring/script-edges.js";
import { wireEdges, type Wire, type Wiring, type WiringNode } from "../wiring/wire-edges.js";
import { sourceStepTypes } from "../catalog/source-step-types.js";
import { ancestors, resolveExplicitWires, type WireEnds, type WireRequest } from "./explicit-wires.js";
import { deriveRequirements, type ScriptRequirements } from "../specs/requirements.js";
import { resolveSpec, type SpecResolution, type UpstreamSource } from "../specs/resolve-spec.js";
import { mergeOverrides, scriptOverridesSchema, type ParsedOverrides, type ScriptOverrides } from "../specs/script-overrides.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import type { RunRecord } from "../results/run-record.js";
import { defaultPython } from "../engine/check-python.js";
import type { RunObserver } from "../engine/run-events.js";
import { groupByNode, type DottedOverrides } from "../specs/dotted-overrides.js";
import { executeRun, type RunOptions } from "./execute-run.js";
import { loadLocalSettings, outputsOutsideProject, settingsBesideDag, type LocalSettings } from "./local-settings.js";
import { savedConfigurationsSchema, type SavedConfigurations } from "./saved-configurations.js";
import { nearNames } from "../near-names.js";
import { generatedInputDir } from "./generated-inputs.js";

export interface FactoryOptions {
  /** A `*.dag.json` path or its parsed JSON. */
  readonly dag: DagInput;
  /** A cursus pipeline config path or its parsed JSON. */
  readonly config: ConfigInput;
  /** Extra folders to look for scripts in, after the config's source dirs. */
  readonly scriptsDirs?: readonly string[];
  /** Folders of `*.step.yaml` interfaces; they override built-in step types of the same name. */
  readonly interfacesDirs?: readonly string[];
  /** Where default input/output folders and runs go. Default: `.cursus-lab` in the current folder. */
  readonly workspace?: string;
  /** Relative source dirs in the config are taken from here. Default: the config file's folder. */
  readonly projectRoot?: string;
  /** A `cursus-lab.json` to apply; default: the one beside the DAG file, if any; `false`: none. */
  readonly settings?: string | false;
  /** The interpreter that runs scripts; default: Debian's /usr/bin/python3 when present. */
  readonly python?: string;
  /**
   * Let the settings file name output folders outside its own folder. Off by default: the file is
   * applied automatically, so a cloned repository must not direct results into the user's folders.
   */
  readonly allowSettingsOutputs?: boolean;
  /**
   * Inputs whose source you choose: `{node, input, from: {node, output}}`, or `"NODE.INPUT=UPSTREAM.OUTPUT"`.
   * The source may be any upstream script node; these win over `cursus-lab.json` wires for the same input.
   */
  readonly wires?: readonly WireRequest[];
}

/** Something that does not stop a run but may mean the DAG and the interfaces disagree. */
export interface WiringWarning {
  readonly code: "UNUSED_EDGE";
  readonly from: string;
  readonly to: string;
  readonly message: string;
}

export interface FactorySummary {
  readonly dag: string;
  readonly config: string;
  readonly dagNodes: number;
  readonly scriptNodes: readonly string[];
  readonly phantoms: readonly { node: string; reason: string }[];
  readonly errors: readonly { node: string; reason: string; hint: string }[];
  readonly pending: readonly { node: string; problems: readonly Problem[] }[];
  readonly readyForTesting: readonly string[];
  readonly interfaceOverrides: readonly { stepType: string; file: string; overrides: string }[];
  readonly warnings: readonly WiringWarning[];
}

/** The pipeline as cursus-lab sees it: discovery, requirements, wiring and the user's configuration. */
export class TestingFactory {
  readonly dag: Dag;
  readonly config: PipelineConfig;
  readonly catalog: StepCatalog;
  readonly discovery: Discovery;
  readonly workspace: string;
  readonly wires: readonly Wire[];
  /** The wires with what was considered for each input, the ties, and the edges that feed nothing. */
  readonly wiring: Wiring;
  readonly warnings: readonly WiringWarning[];
  readonly python: string;
  /** The `cursus-lab.json` applied, if any. */
  readonly settings: LocalSettings | undefined;
  private readonly byName: ReadonlyMap<string, NodeDiscovery>;
  private readonly requirements = new Map<string, ScriptRequirements>();
  private readonly overrides = new Map<string, ParsedOverrides>();

  constructor(options: FactoryOptions) {
    this.dag = loadDag(options.dag);
    this.config = loadConfig(options.config);
    const settingsFile = options.settings ?? (typeof options.dag === "string" ? settingsBesideDag(options.dag) : undefined);
    this.settings = settingsFile === undefined || settingsFile === false ? undefined : loadLocalSettings(settingsFile);
    this.catalog = buildCatalog([...(this.settings?.interfacesDirs ?? []), ...(options.interfacesDirs ?? [])]);
    this.workspace = resolve(options.workspace ?? ".cursus-lab");
    this.python = options.python ?? this.settings?.python ?? defaultPython();
    this.discovery = discover(this.dag, this.config, this.catalog, {
      projectRoot: resolve(options.projectRoot ?? this.config.baseDir),
      scriptsDirs: [...(options.scriptsDirs ?? []), ...(this.settings?.scriptsDirs ?? [])],
    });
    this.byName = new Map(this.discovery.nodes.map((n) => [n.name, n]));
    for (const node of this.getScriptsRequiringTesting()) {
      const step = this.config.steps.get(node.configKey!)!;
      const contract = lookupStep(this.catalog, node.stepType)?.stepInterface.contract;
      const rule = lookupEnvRule(this.catalog, step.className);
      this.requirements.set(node.name, deriveRequirements(node, step.effective, contract, this.workspace, rule, generatedInputDir(this.workspace)));
    }
    this.wiring = this.computeWires(this.settings?.wires ?? [], options.wires ?? []);
    this.wires = this.wiring.wires;
    this.warnings = this.wiring.unusedEdges.map((e) => ({ code: "UNUSED_EDGE", ...e, message: msg.unusedEdge(e.from, e.to) }));
    if (this.settings !== undefined) this.applySettings(this.settings, options.allowSettingsOutputs === true);
  }

  /** Runs the script nodes (or a selection) as real processes in DAG order and resolves to the run record. */
  executeDagGuidedTesting(options: RunOptions = {}, observer?: RunObserver): Promise<RunRecord> {
    return executeRun(this, options, observer);
  }

  /** Applies `{"inputs": {"NODE.LOGICAL": path}, "env": {"NODE.NAME": value}, ...}`, as the CLI flags and settings file write them. */
  applyDottedOverrides(dotted: DottedOverrides): void {
    const { byNode, problems } = groupByNode(dotted, [...this.byName.keys()]);
    if (problems.length > 0) throw new ProblemsError("CONFIGURATION_INVALID", msg.configurationsInvalid(problems.length), problems, msg.configureFailedHint());
    this.applyOverrides(byNode);
  }

  /** The settings file's values, with its problems reported as the file's, so the user knows where to look. */
  private applySettings(settings: LocalSettings, outputsAnywhere: boolean): void {
    const outside = outputsAnywhere ? [] : outputsOutsideProject(settings);
    if (outside.length > 0) throw new ProblemsError("SETTINGS_INVALID", msg.settingsInvalid(settings.file, outside.length), outside, msg.settingsInvalidHint());
    try {
      this.applyDottedOverrides(settings.overrides);
    } catch (error) {
      if (!(error instanceof ProblemsError)) throw error;
      throw new ProblemsError("SETTINGS_INVALID", msg.settingsInvalid(settings.file, error.problems.length), error.problems, msg.settingsInvalidHint());
    }
  }

  getScriptsRequiringTesting(): ScriptNode[] {
    return this.discovery.nodes.filter((n): n is ScriptNode => n.status === "script");
  }

  getNode(node: string): NodeDiscovery {
    const found = this.byName.get(node);
    if (found === undefined) {
      throw new CursusLabError("UNKNOWN_NODE", msg.unknownNode(node, nearNames(node, this.byName.keys())), msg.unknownNodeHint(), { at: node });
    }
    return found;
  }

  getScriptTestingRequirements(node: string): ScriptRequirements {
    const found = this.getNode(node);
    const req = this.requirements.get(node);
    if (req === undefined) {
      const reason = "reason" in found ? found.reason : found.status;
      throw new CursusLabError("NOT_A_SCRIPT_NODE", msg.notAScriptNode(node, found.status, reason), msg.notAScriptNodeHint(), { at: node });
    }
    return req;
  }

  /** The node's spec with the overrides so far, and its problems if it is not ready. */
  getScriptSpec(node: string): SpecResolution {
    return resolveSpec(this.getScriptTestingRequirements(node), this.overrides.get(node) ?? {}, this.upstreamOf(node));
  }

  /** Merges `overrides` over the node's current ones; on any problem nothing changes and all problems are thrown together. */
  configureScriptTesting(node: string, overrides: ScriptOverrides): ScriptSpec {
    const merged = this.mergedOverrides(node, overrides);
    const result = resolveSpec(this.getScriptTestingRequirements(node), merged, this.upstreamOf(node));
    if (!result.ok) throw new ProblemsError("CONFIGURATION_INVALID", msg.configureFailed(node, result.problems.length), result.problems, msg.configureFailedHint());
    this.overrides.set(node, merged);
    return result.spec;
  }

  getOverrides(node: string): ParsedOverrides {
    return this.overrides.get(node) ?? {};
  }

  getPendingScriptConfigurations(): { node: string; problems: readonly Problem[] }[] {
    return this.getScriptsRequiringTesting().flatMap((n) => {
      const result = this.getScriptSpec(n.name);
      return result.ok ? [] : [{ node: n.name, problems: result.problems }];
    });
  }

  getTestingFactorySummary(): FactorySummary {
    const pending = this.getPendingScriptConfigurations();
    const pendingNames = new Set(pending.map((p) => p.node));
    const scripts = this.getScriptsRequiringTesting().map((n) => n.name);
    return {
      dag: this.dag.source,
      config: this.config.source,
      dagNodes: this.discovery.summary.dagNodes,
      scriptNodes: scripts,
      phantoms: this.discovery.nodes.flatMap((n) => (n.status === "phantom" ? [{ node: n.name, reason: n.reason }] : [])),
      errors: this.discovery.nodes.flatMap((n) => (n.status === "error" ? [{ node: n.name, reason: n.reason, hint: n.hint }] : [])),
      pending,
      readyForTesting: scripts.filter((s) => !pendingNames.has(s)),
      interfaceOverrides: this.catalog.overrides.map((o) => ({ stepType: o.stepType, file: o.file, overrides: o.overrides! })),
      warnings: this.warnings,
    };
  }

  saveConfigurations(file: string): void {
    const saved: SavedConfigurations = {
      format: "cursus-lab.configurations",
      version: 1,
      dag: this.dag.source,
      config: this.config.source,
      overrides: Object.fromEntries(this.overrides),
      specs: Object.fromEntries(this.getScriptsRequiringTesting().map((n) => [n.name, this.getScriptSpec(n.name).spec])),
    };
    writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
  }

  /** Applies saved overrides to every node they name; all problems of all nodes come back in one error. */
  loadConfigurations(file: string): void {
    const saved = parseWith(savedConfigurationsSchema, readJsonFile(file, "saved configurations"), file, "saved configurations", "a file written by saveConfigurations");
    this.applyOverrides(saved.overrides);
  }

  /**
   * Configures several nodes at once, all or nothing. Only problems with the values given are errors here;
   * what is still missing leaves the node pending, as `getPendingScriptConfigurations` reports.
   */
  applyOverrides(byNode: Readonly<Record<string, ScriptOverrides>>): void {
    const problems: Problem[] = [];
    const staged = new Map<string, ParsedOverrides>();
    for (const [node, overrides] of Object.entries(byNode)) {
      try {
        const merged = this.mergedOverrides(node, overrides);
        const result = resolveSpec(this.getScriptTestingRequirements(node), merged, this.upstreamOf(node));
        if (!result.ok) problems.push(...result.problems.filter((p) => isAboutGivenValue(p, merged)));
        staged.set(node, merged);
      } catch (error) {
        if (error instanceof ProblemsError) problems.push(...error.problems);
        else if (error instanceof CursusLabError) problems.push({ node, field: "node", message: error.message, fix: error.hint });
        else throw error;
      }
    }
    if (problems.length > 0) {
      throw new ProblemsError("CONFIGURATION_INVALID", msg.configurationsInvalid(problems.length), problems, msg.configureFailedHint());
    }
    for (const [node, merged] of staged) this.overrides.set(node, merged);
  }

  private mergedOverrides(node: string, overrides: ScriptOverrides): ParsedOverrides {
    const parsed = scriptOverridesSchema.safeParse(overrides);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ node, field: i.path.join(".") || "(overrides)", message: `${node}: ${i.message}`, fix: msg.overridesShapeFix() }));
      throw new ProblemsError("CONFIGURATION_INVALID", msg.configureFailed(node, problems.length), problems, msg.configureFailedHint());
    }
    return mergeOverrides(this.overrides.get(node) ?? {}, parsed.data);
  }

  private computeWires(fromSettings: readonly WireRequest[], fromOptions: readonly WireRequest[]): Wiring {
    const nodes = new Map<string, WiringNode>();
    const ends = new Map<string, WireEnds>();
    for (const [name, req] of this.requirements) {
      const stepInterface = lookupStep(this.catalog, req.stepType)?.stepInterface;
      const inputs = req.inputs.map((i) => i.logicalName);
      const outputs = req.outputs.map((o) => o.logicalName);
      ends.set(name, { inputs, outputs });
      nodes.set(name, { name, sourceTypes: sourceStepTypes(req.stepType, this.byName.get(name)?.jobType, stepInterface), inputs, outputs, spec: stepInterface?.spec });
    }
    const ancestorsOf = (node: string): Set<string> => ancestors(this.dag.parents, node);
    const settings = resolveExplicitWires(fromSettings, ends, ancestorsOf);
    const given = resolveExplicitWires(fromOptions, ends, ancestorsOf);
    const problems = [...settings.problems, ...given.problems];
    if (problems.length > 0) throw new ProblemsError("WIRES_INVALID", msg.wiresInvalid(problems.length), problems, msg.wiresInvalidHint());
    const explicit = [...given.wires, ...settings.wires.filter((s) => !given.wires.some((g) => g.node === s.node && g.input === s.input))];
    return wireEdges(nodes, scriptParents(this.dag, (n) => this.byName.get(n)!.status), explicit);
  }

  private upstreamOf(node: string): Map<string, UpstreamSource> {
    const sources = new Map<string, UpstreamSource>();
    for (const tie of this.wiring.ties) if (tie.node === node) sources.set(tie.input, { kind: "tie", candidates: tie.candidates });
    for (const wire of this.wires) {
      if (wire.node !== node) continue;
      const given = this.overrides.get(wire.fromNode)?.outputs?.[wire.fromOutput];
      const fallback = this.requirements.get(wire.fromNode)!.outputs.find((o) => o.logicalName === wire.fromOutput)!.defaultLocalPath;
      sources.set(wire.input, { kind: "wired", path: given === undefined ? fallback : resolve(given), from: { node: wire.fromNode, output: wire.fromOutput } });
    }
    return sources;
  }
}

/** `inputs.DATA` is about a given value when the overrides set `inputs.DATA`. */
function isAboutGivenValue(problem: Problem, overrides: ParsedOverrides): boolean {
  const [kind, ...rest] = problem.field.split(".");
  const given = overrides[kind as keyof ParsedOverrides];
  return given !== undefined && rest.join(".") in given;
}

export function createFactory(options: FactoryOptions): TestingFactory {
  return new TestingFactory(options);
}
