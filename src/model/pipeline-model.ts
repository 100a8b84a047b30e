import { resolve } from "node:path";
import type { NodeDiscovery, ScriptNode } from "../discovery/node-discovery.js";
import { CursusLabError, ProblemsError, type Problem } from "../errors.js";
import * as msg from "../messages.js";
import { nearNames } from "../near-names.js";
import { groupByNode, type DottedOverrides } from "../specs/dotted-overrides.js";
import type { ScriptRequirements } from "../specs/requirements.js";
import { resolveSpec, type SpecResolution, type UpstreamSource } from "../specs/resolve-spec.js";
import { mergeOverrides, scriptOverridesSchema, type ParsedOverrides, type ScriptOverrides } from "../specs/script-overrides.js";
import type { Wire, Wiring } from "../wiring/wire-edges.js";
import { outputsOutsideProject } from "./local-settings.js";
import type { ModelOptions } from "./model-options.js";
import { loadPipelineBase, type PipelineBase } from "./pipeline-base.js";
import { wiresByNode } from "../wiring/wires-by-node.js";
import { lookupStep } from "../catalog/step-catalog.js";
import { archivedAs } from "../specs/model-archive.js";

/**
 * The pipeline as cursus-lab sees it: discovery, requirements, wiring and the user's overrides. It is
 * immutable: `withOverrides` returns another model, so a workbook can keep versions side by side and
 * `spec(node)` of a version never changes.
 */
export class PipelineModel {
  private constructor(
    readonly base: PipelineBase,
    private readonly overrides: ReadonlyMap<string, ParsedOverrides>,
  ) {}

  /** Reads the files, then applies the settings file's values, reported as that file's problems. */
  static load(options: ModelOptions, defaultPython: () => string): PipelineModel {
    const model = new PipelineModel(loadPipelineBase(options, defaultPython), new Map());
    const settings = model.base.settings;
    if (settings === undefined) return model;
    const outside = options.allowSettingsOutputs === true ? [] : outputsOutsideProject(settings);
    if (outside.length > 0) throw new ProblemsError("SETTINGS_INVALID", msg.settingsInvalid(settings.file, outside.length), outside, msg.settingsInvalidHint());
    try {
      return model.withDottedOverrides(settings.overrides);
    } catch (error) {
      if (!(error instanceof ProblemsError)) throw error;
      throw new ProblemsError("SETTINGS_INVALID", msg.settingsInvalid(settings.file, error.problems.length), error.problems, msg.settingsInvalidHint());
    }
  }

  scriptNodes(): ScriptNode[] {
    return this.base.discovery.nodes.filter((n): n is ScriptNode => n.status === "script");
  }

  node(name: string): NodeDiscovery {
    const found = this.base.byName.get(name);
    if (found === undefined) throw new CursusLabError("UNKNOWN_NODE", msg.unknownNode(name, nearNames(name, this.base.byName.keys())), msg.unknownNodeHint(), { at: name });
    return found;
  }

  requirements(node: string): ScriptRequirements {
    const found = this.node(node);
    const req = this.base.requirements.get(node) ?? this.base.answersOnly.get(node);
    if (req === undefined) {
      const reason = "reason" in found ? found.reason : found.status;
      throw new CursusLabError("NOT_A_SCRIPT_NODE", msg.notAScriptNode(node, found.status, reason), msg.notAScriptNodeHint(), { at: node });
    }
    return req;
  }

  /** The wiring a node's answers use: the run's, or for a node that cannot run here, the one where it takes part. */
  wiringOf(node: string): Wiring {
    return this.base.answersOnly.has(node) ? this.base.answersWiring : this.base.wiring;
  }

  /** Whether the wire feeds its input under this model's overrides: an input given a path reads that path, whatever is wired to it. */
  feeds(wire: Wire): boolean {
    return this.overridesOf(wire.node).inputs?.[wire.input] === undefined;
  }

  /** The wires that feed the node's inputs under this model's overrides. */
  wiresOf(node: string): Wire[] {
    return (wiresByNode(this.wiringOf(node)).wires.get(node) ?? []).filter((w) => this.feeds(w));
  }

  overridesOf(node: string): ParsedOverrides {
    return this.overrides.get(node) ?? {};
  }

  /** The node's spec under this model's overrides, with its problems if it is not ready; pure. */
  spec(node: string): SpecResolution {
    return resolveSpec(this.requirements(node), this.overridesOf(node), this.upstreamOf(node));
  }

  /** Nodes that cannot run yet, each with every problem. */
  pending(): { node: string; problems: readonly Problem[] }[] {
    return this.scriptNodes().flatMap((n) => {
      const result = this.spec(n.name);
      return result.ok ? [] : [{ node: n.name, problems: result.problems }];
    });
  }

  /** This model with `overrides` merged over the node's; any problem of the result is thrown, all at once. */
  withOverrides(node: string, overrides: ScriptOverrides): PipelineModel {
    const merged = this.merged(node, overrides);
    const result = resolveSpec(this.requirements(node), merged, this.upstreamOf(node));
    if (!result.ok) throw new ProblemsError("CONFIGURATION_INVALID", msg.configureFailed(node, result.problems.length), result.problems, msg.configureFailedHint());
    return new PipelineModel(this.base, new Map([...this.overrides, [node, merged]]));
  }

  /**
   * This model with several nodes configured, all or nothing. Only problems with the values given are
   * errors here; what is still missing leaves the node pending.
   */
  withManyOverrides(byNode: Readonly<Record<string, ScriptOverrides>>): PipelineModel {
    const problems: Problem[] = [];
    const next = new Map(this.overrides);
    for (const [node, overrides] of Object.entries(byNode)) {
      try {
        const merged = this.merged(node, overrides);
        const result = resolveSpec(this.requirements(node), merged, this.upstreamOf(node));
        if (!result.ok) problems.push(...result.problems.filter((p) => isAboutGivenValue(p, merged)));
        next.set(node, merged);
      } catch (error) {
        if (error instanceof ProblemsError) problems.push(...error.problems);
        else if (error instanceof CursusLabError) problems.push({ node, field: "node", message: error.message, fix: error.hint });
        else throw error;
      }
    }
    if (problems.length > 0) throw new ProblemsError("CONFIGURATION_INVALID", msg.configurationsInvalid(problems.length), problems, msg.configureFailedHint());
    return new PipelineModel(this.base, next);
  }

  /** `{"inputs": {"NODE.LOGICAL": path}, "env": {"NODE.NAME": value}, ...}`, as the CLI flags and settings file write them. */
  withDottedOverrides(dotted: DottedOverrides): PipelineModel {
    const { byNode, problems } = groupByNode(dotted, [...this.base.byName.keys()]);
    if (problems.length > 0) throw new ProblemsError("CONFIGURATION_INVALID", msg.configurationsInvalid(problems.length), problems, msg.configureFailedHint());
    return this.withManyOverrides(byNode);
  }

  private merged(node: string, overrides: ScriptOverrides): ParsedOverrides {
    const parsed = scriptOverridesSchema.safeParse(overrides);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ node, field: i.path.join(".") || "(overrides)", message: `${node}: ${i.message}`, fix: msg.overridesShapeFix() }));
      throw new ProblemsError("CONFIGURATION_INVALID", msg.configureFailed(node, problems.length), problems, msg.configureFailedHint());
    }
    return mergeOverrides(this.overridesOf(node), parsed.data);
  }

  /** Where each wired input of the node reads from: the upstream output's folder (the user's, if named). */
  private upstreamOf(node: string): Map<string, UpstreamSource> {
    const sources = new Map<string, UpstreamSource>();
    const { base } = this;
    const index = wiresByNode(this.wiringOf(node));
    for (const tie of index.ties.get(node) ?? []) sources.set(tie.input, { kind: "tie", candidates: tie.candidates });
    for (const wire of index.wires.get(node) ?? []) {
      const given = this.overrides.get(wire.fromNode)?.outputs?.[wire.fromOutput];
      const upstream = base.requirements.get(wire.fromNode) ?? base.answersOnly.get(wire.fromNode)!;
      const fallback = upstream.outputs.find((o) => o.logicalName === wire.fromOutput)!.defaultLocalPath;
      const archive = archivedAs(lookupStep(base.catalog, upstream.stepType)?.stepInterface.spec.outputs[wire.fromOutput]?.property_path);
      sources.set(wire.input, { kind: "wired", path: given === undefined ? fallback : resolve(given), from: { node: wire.fromNode, output: wire.fromOutput }, ...(archive === undefined ? {} : { archive }) });
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
