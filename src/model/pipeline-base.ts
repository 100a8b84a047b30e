import { resolve } from "node:path";
import { buildCatalog, lookupEnvRule, lookupStep, type StepCatalog } from "../catalog/step-catalog.js";
import { sourceStepTypes } from "../catalog/source-step-types.js";
import { loadConfig } from "../config/load-config.js";
import type { PipelineConfig } from "../config/pipeline-config.js";
import type { Dag } from "../dag/dag.js";
import { loadDag } from "../dag/parse-dag.js";
import { discover } from "../discovery/discover.js";
import type { Discovery, NodeDiscovery } from "../discovery/node-discovery.js";
import { ProblemsError } from "../errors.js";
import * as msg from "../messages.js";
import { deriveRequirements, type ScriptRequirements } from "../specs/requirements.js";
import { scriptParents } from "../wiring/script-edges.js";
import { wireEdges, type Wiring, type WiringNode } from "../wiring/wire-edges.js";
import { ancestors, resolveExplicitWires, type WireEnds, type WireRequest } from "./explicit-wires.js";
import { generatedInputDir } from "./generated-inputs.js";
import { loadLocalSettings, settingsBesideDag, type LocalSettings } from "./local-settings.js";
import type { ModelOptions, WiringWarning } from "./model-options.js";

/** What every version of a pipeline model shares: everything derived from the files, before any override. */
export interface PipelineBase {
  readonly dag: Dag;
  readonly config: PipelineConfig;
  readonly catalog: StepCatalog;
  readonly discovery: Discovery;
  readonly byName: ReadonlyMap<string, NodeDiscovery>;
  readonly workspace: string;
  readonly python: string;
  /** The `cursus-lab.json` applied, if any. */
  readonly settings: LocalSettings | undefined;
  readonly requirements: ReadonlyMap<string, ScriptRequirements>;
  /** The wires with what was considered for each input, the ties, and the edges that feed nothing. */
  readonly wiring: Wiring;
  readonly warnings: readonly WiringWarning[];
}

/** Reads and checks the files once; the model's versions differ only in their overrides. */
export function loadPipelineBase(options: ModelOptions, defaultPython: () => string): PipelineBase {
  const dag = loadDag(options.dag);
  const config = loadConfig(options.config);
  const settingsFile = options.settings ?? (typeof options.dag === "string" ? settingsBesideDag(options.dag) : undefined);
  const settings = settingsFile === undefined || settingsFile === false ? undefined : loadLocalSettings(settingsFile);
  const catalog = buildCatalog([...(settings?.interfacesDirs ?? []), ...(options.interfacesDirs ?? [])]);
  const workspace = resolve(options.workspace ?? ".cursus-lab");
  const discovery = discover(dag, config, catalog, {
    projectRoot: resolve(options.projectRoot ?? config.baseDir),
    scriptsDirs: [...(options.scriptsDirs ?? []), ...(settings?.scriptsDirs ?? [])],
    caller: options.caller ?? "api",
  });
  const byName = new Map(discovery.nodes.map((n) => [n.name, n]));
  const requirements = new Map<string, ScriptRequirements>();
  for (const node of discovery.nodes) {
    if (node.status !== "script") continue;
    const step = config.steps.get(node.configKey!)!;
    const contract = lookupStep(catalog, node.stepType)?.stepInterface.contract;
    requirements.set(node.name, deriveRequirements(node, step.effective, contract, workspace, lookupEnvRule(catalog, step.className), generatedInputDir(workspace)));
  }
  const wiring = computeWiring({ dag, catalog, byName, requirements }, settings?.wires ?? [], options.wires ?? []);
  const warnings = wiring.unusedEdges.map((e): WiringWarning => ({ code: "UNUSED_EDGE", ...e, message: msg.unusedEdge(e.from, e.to) }));
  return { dag, config, catalog, discovery, byName, workspace, python: options.python ?? settings?.python ?? defaultPython(), settings, requirements, wiring, warnings };
}

type WiringInputs = Pick<PipelineBase, "dag" | "catalog" | "byName" | "requirements">;

/** Wires from the interfaces, with the user's explicit wires (the API's over the settings file's) taking their inputs. */
function computeWiring(base: WiringInputs, fromSettings: readonly WireRequest[], fromOptions: readonly WireRequest[]): Wiring {
  const nodes = new Map<string, WiringNode>();
  const ends = new Map<string, WireEnds>();
  for (const [name, req] of base.requirements) {
    const stepInterface = lookupStep(base.catalog, req.stepType)?.stepInterface;
    const inputs = req.inputs.map((i) => i.logicalName);
    const outputs = req.outputs.map((o) => o.logicalName);
    ends.set(name, { inputs, outputs });
    nodes.set(name, { name, sourceTypes: sourceStepTypes(req.stepType, base.byName.get(name)?.jobType, stepInterface), inputs, outputs, spec: stepInterface?.spec });
  }
  const ancestorsOf = (node: string): Set<string> => ancestors(base.dag.parents, node);
  const settings = resolveExplicitWires(fromSettings, ends, ancestorsOf);
  const given = resolveExplicitWires(fromOptions, ends, ancestorsOf);
  const problems = [...settings.problems, ...given.problems];
  if (problems.length > 0) throw new ProblemsError("WIRES_INVALID", msg.wiresInvalid(problems.length), problems, msg.wiresInvalidHint());
  const explicit = [...given.wires, ...settings.wires.filter((s) => !given.wires.some((g) => g.node === s.node && g.input === s.input))];
  return wireEdges(nodes, scriptParents(base.dag, (n) => base.byName.get(n)!.status), explicit);
}
