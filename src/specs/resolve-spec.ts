import type { MODEL_ARCHIVE } from "./model-archive.js";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { distance } from "fastest-levenshtein";
import type { Problem } from "../errors.js";
import { noteConsulted } from "../io/consults.js";
import * as msg from "../messages.js";
import type { ScriptRequirements } from "./requirements.js";
import type { ParsedOverrides } from "./script-overrides.js";
import type { InputEntry, ScriptSpec } from "./script-spec.js";
import { nearNames } from "../near-names.js";
import type { WireCandidate } from "../wiring/wire-edges.js";
import { outputRefText, type OutputRef } from "../wiring/output-ref.js";

/** What the wiring found for one input: the upstream output that feeds it, or equally good candidates. */
export type UpstreamSource =
  | { readonly kind: "wired"; readonly path: string; readonly from: OutputRef; readonly archive?: typeof MODEL_ARCHIVE }
  | { readonly kind: "tie"; readonly candidates: readonly WireCandidate[] };

export type SpecResolution =
  | { readonly ok: true; readonly spec: ScriptSpec }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly spec: ScriptSpec };

/**
 * Merges user overrides over the derived requirements (key by key) and checks the result as a whole, so
 * every problem of a node is reported at once. The spec is returned either way, for display.
 */
export function resolveSpec(
  req: ScriptRequirements,
  overrides: ParsedOverrides,
  upstream: ReadonlyMap<string, UpstreamSource>,
): SpecResolution {
  const problems: Problem[] = [];
  const problem = (field: string, message: string, fix: string): void => void problems.push({ node: req.node, field, message, fix });

  const unknownNames = (kind: string, given: Record<string, string> | undefined, known: readonly string[]): void => {
    for (const name of Object.keys(given ?? {})) {
      if (!known.includes(name)) problem(`${kind}.${name}`, msg.unknownName(req.node, kind, name, known), msg.unknownNameFix(kind, known, nearNames(name, known, 1)[0]));
    }
  };
  unknownNames("inputs", overrides.inputs, req.inputs.map((i) => i.logicalName));
  unknownNames("outputs", overrides.outputs, req.outputs.map((o) => o.logicalName));
  unknownNames("args", overrides.args, req.args.flatMap((a) => [a.flag, a.dest]));
  // Scripts may read env vars their contract does not list, so only near-misses of declared names are typos.
  const declaredEnv = req.env.map((e) => e.name);
  for (const name of Object.keys(overrides.env ?? {})) {
    const near = declaredEnv.find((d) => d !== name && distance(d.toUpperCase(), name.toUpperCase()) <= 2);
    if (!declaredEnv.includes(name) && near !== undefined) problem(`env.${name}`, msg.unknownName(req.node, "env", name, declaredEnv), msg.unknownNameFix("env", declaredEnv, near));
  }

  const inputs: Record<string, InputEntry> = {};
  for (const input of req.inputs) {
    const given = overrides.inputs?.[input.logicalName];
    const base = { required: input.required, containerPath: input.containerPath };
    const wired = upstream.get(input.logicalName);
    if (given !== undefined) {
      const path = resolve(given);
      noteConsulted(path);
      if (!existsSync(path)) problem(`inputs.${input.logicalName}`, msg.inputPathMissing(req.node, input.logicalName, path), msg.inputPathMissingFix());
      inputs[input.logicalName] = { ...base, path, source: "user" };
    } else if (wired?.kind === "wired") {
      inputs[input.logicalName] = { ...base, path: wired.path, source: "upstream", from: wired.from, ...(wired.archive === undefined ? {} : { archive: wired.archive }) };
    } else if (input.configured !== undefined) {
      const { path, from, movedFrom } = input.configured;
      noteConsulted(path);
      if (input.required && !existsSync(path)) problem(`inputs.${input.logicalName}`, msg.configuredInputMissing(req.node, input.logicalName, from, path), msg.configuredInputMissingFix(req.node, input.logicalName));
      inputs[input.logicalName] = { ...base, path, source: "config", configuredFrom: from, ...(movedFrom === undefined ? {} : { movedFrom }) };
    } else if (wired?.kind === "tie") {
      const wording = wired.candidates.map((c) => ({ ...c, source: outputRefText(c.from) }));
      problem(`inputs.${input.logicalName}`, msg.wireTie(req.node, input.logicalName, wording), msg.wireTieFix(req.node, input.logicalName, wording.map((w) => w.source)));
      inputs[input.logicalName] = { ...base, path: input.defaultLocalPath, source: "default" };
    } else if (input.generated !== undefined) {
      inputs[input.logicalName] = { ...base, path: input.generated.dir, source: "generated", generatedFrom: input.generated.generatedFrom };
    } else {
      if (input.required) problem(`inputs.${input.logicalName}`, msg.requiredInputUnfed(req.node, input.logicalName), msg.requiredInputUnfedFix(req.node, input.logicalName));
      inputs[input.logicalName] = { ...base, path: input.defaultLocalPath, source: "default" };
    }
  }

  const outputs: ScriptSpec["outputs"] = {};
  for (const output of req.outputs) {
    const given = overrides.outputs?.[output.logicalName];
    outputs[output.logicalName] = {
      required: true,
      containerPath: output.containerPath,
      path: given === undefined ? output.defaultLocalPath : resolve(given),
      source: given === undefined ? "default" : "user",
    };
  }

  // A Map, not an object: env names such as "constructor" or "__proto__" are names, not prototype members.
  const env = new Map<string, ScriptSpec["env"][string]>();
  const givenEnv = new Map(Object.entries(overrides.env ?? {}));
  for (const e of req.env) {
    const given = givenEnv.get(e.name);
    if (given !== undefined) env.set(e.name, { value: given, source: "override" });
    else if (e.value !== undefined) env.set(e.name, { value: e.value, source: e.source });
    else problem(`env.${e.name}`, msg.requiredEnvMissing(req.node, e.name), msg.requiredEnvMissingFix(req.node, e.name));
  }
  for (const [name, value] of givenEnv) if (!env.has(name)) env.set(name, { value, source: "override" });
  for (const name of givenEnv.keys()) {
    const why = envNameProblem(name);
    if (why !== undefined) problem(`env.${name}`, msg.badEnvName(req.node, name, why), msg.badEnvNameFix());
  }

  const args: ScriptSpec["args"] = [];
  for (const a of req.args) {
    const [byFlag, byDest] = [overrides.args?.[a.flag], a.dest === a.flag ? undefined : overrides.args?.[a.dest]];
    if (byFlag !== undefined && byDest !== undefined && byFlag !== byDest) {
      problem(`args.${a.flag}`, msg.argumentGivenTwice(req.node, a.flag, byFlag, a.dest, byDest), msg.argumentGivenTwiceFix(req.node, a.flag, a.dest));
    }
    const given = byFlag ?? byDest;
    if (given !== undefined && a.alone === true) {
      // A switch is on or off: on, it is passed alone as cursus passes it; off, it is left out, as cursus leaves out a switch that is off.
      const said = given.toLowerCase();
      if (said !== "true" && said !== "false") problem(`args.${a.flag}`, msg.switchGivenValue(req.node, a.flag, given), msg.switchGivenValueFix(req.node, a.flag));
      else args.push({ flag: a.flag, dest: a.dest, value: "", source: "override", alone: true, ...(said === "false" ? { off: true as const } : {}) });
    } else if (given !== undefined) args.push({ flag: a.flag, dest: a.dest, value: given, source: "override" });
    // cursus step builders leave out an argument whose config field is unset; the script's argparse default applies.
    else if (a.value !== undefined) args.push({ flag: a.flag, dest: a.dest, value: a.value, source: a.source, ...(a.alone === undefined ? {} : { alone: a.alone }) });
  }
  // No process can receive a NUL in its environment or arguments: say which value, before anything starts.
  for (const [name, e] of env) if (e.value.includes("\u0000")) problem(`env.${name}`, msg.valueHoldsNul(req.node, `env ${name}`, e.source), msg.valueHoldsNulFix());
  for (const a of args) if (a.value.includes("\u0000")) problem(`args.${a.flag}`, msg.valueHoldsNul(req.node, `argument ${a.flag}`, a.source), msg.valueHoldsNulFix());

  const spec: ScriptSpec = { node: req.node, stepType: req.stepType, scriptPath: req.scriptPath, inputs, outputs, env: Object.fromEntries(env), args };
  return problems.length === 0 ? { ok: true, spec } : { ok: false, problems, spec };
}

/**
 * Why a name cannot be an environment variable, if it cannot: the OS refuses NUL and splits at `=`, so a
 * process would fail late or see another name; whitespace is always a typo.
 */
function envNameProblem(name: string): string | undefined {
  if (name === "") return msg.envNameEmpty();
  if (name.includes("\u0000")) return msg.envNameNul();
  if (name.includes("=")) return msg.envNameEquals();
  if (/\s/.test(name)) return msg.envNameSpace();
  return undefined;
}
