import { relative } from "node:path";
import * as msg from "../messages.js";
import type { WireCandidate, Wiring } from "../wiring/wire-edges.js";
import { outputRefText } from "../wiring/output-ref.js";
import type { ScriptRequirements } from "../specs/requirements.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import { argValueText } from "../specs/arg-text.js";
import { textTable } from "./text-table.js";

const shown = (path: string): string => relative(process.cwd(), path) || path;
const wording = (c: WireCandidate): msg.CandidateWording => ({ ...c, source: outputRefText(c.from) });

/** Requirements with what the node will actually get (user paths, upstream outputs, default folders) and the other sources considered. */
export function requirementsText(req: ScriptRequirements, spec: ScriptSpec, wiring: Pick<Wiring, "wires" | "ties" | "considered">, width?: number): string {
  const mine = <T extends { node: string; input: string }>(items: readonly T[]): Map<string, T> => new Map(items.filter((w) => w.node === req.node).map((w) => [w.input, w]));
  const fed = mine(wiring.wires);
  const tied = mine(wiring.ties);
  const considered = mine(wiring.considered);
  const inputs = req.inputs.map((i) => {
    const entry = spec.inputs[i.logicalName];
    const wire = fed.get(i.logicalName);
    const tie = tied.get(i.logicalName);
    const how = wire === undefined ? "wired" : wire.kind === "explicit" ? "your wire" : `${wire.kind} match, confidence ${wire.confidence}`;
    const source =
      entry?.source === "upstream" && entry.from !== undefined
        ? `from ${outputRefText(entry.from)} (${how})`
        : entry?.source === "user"
          ? "given by you"
          : entry?.source === "generated"
            ? msg.generatedInput(entry.generatedFrom ?? "the config")
          : entry?.source === "config"
            ? msg.configuredInput(entry.configuredFrom ?? "the config", entry.movedFrom)
          : tie !== undefined
            ? msg.wireTieShort(tie.candidates.map((c) => outputRefText(c.from)))
            : i.required
              ? "MISSING: give a path"
              : "empty folder";
    const chosen = (c: WireCandidate): boolean => entry?.from !== undefined && c.from.node === entry.from.node && c.from.output === entry.from.output;
    const others = (considered.get(i.logicalName)?.candidates ?? []).filter((c) => !chosen(c)).map((c) => msg.wireAlternative(wording(c)));
    return [i.logicalName, i.required ? "yes" : "no", i.containerPath, [shown(entry?.path ?? i.defaultLocalPath), source, ...others].join("\n")];
  });
  const outputs = req.outputs.map((o) => [o.logicalName, o.containerPath, shown(spec.outputs[o.logicalName]?.path ?? o.defaultLocalPath)]);
  const env = req.env.map((e) => {
    const set = spec.env[e.name];
    return [e.name, e.required ? "yes" : "no", set?.value ?? "(not set)", set?.source ?? e.source];
  });
  const args = req.args.map((a) => {
    const set = spec.args.find((s) => s.flag === a.flag);
    // A switch the spec leaves out is off.
    const value = set !== undefined ? argValueText(set) : a.alone === true ? msg.switchOff() : "(not set)";
    return [a.flag, value, set?.source ?? a.source];
  });
  return [
    `${req.node} (${req.stepType})`,
    `script: ${req.scriptPath === "" ? "(unknown: no config)" : shown(req.scriptPath)}${req.warnings?.some((w) => w.code === "SCRIPT_NOT_FOUND") === true ? " (not on this machine)" : ""}`,
    "",
    "inputs",
    textTable(["logical name", "required", "container path", "local path"], inputs, width),
    "outputs",
    textTable(["logical name", "container path", "local path"], outputs, width),
    "env vars",
    textTable(["name", "required", "value", "source"], env, width),
    "job arguments",
    args.length === 0 ? "(none)" : textTable(["flag", "value", "source"], args, width),
  ].join("\n");
}
