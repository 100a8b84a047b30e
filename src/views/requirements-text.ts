import { relative } from "node:path";
import type { Wire } from "../runner/wire-edges.js";
import type { ScriptRequirements } from "../specs/requirements.js";
import { refText, type ScriptSpec } from "../specs/script-spec.js";
import { textTable } from "./text-table.js";

const shown = (path: string): string => relative(process.cwd(), path) || path;

/** Requirements with what the node will actually get: user paths, upstream outputs, or default folders. */
export function requirementsText(req: ScriptRequirements, spec: ScriptSpec, wires: readonly Wire[], width?: number): string {
  const fed = new Map(wires.filter((w) => w.node === req.node).map((w) => [w.input, `${w.kind} match, confidence ${w.confidence}`]));
  const inputs = req.inputs.map((i) => {
    const entry = spec.inputs[i.logicalName];
    const source = entry?.source === "upstream" && entry.from !== undefined ? `from ${refText(entry.from)} (${fed.get(i.logicalName) ?? "wired"})` : entry?.source === "user" ? "given by you" : i.required ? "MISSING: give a path" : "empty folder";
    return [i.logicalName, i.required ? "yes" : "no", i.containerPath, `${shown(entry?.path ?? i.defaultLocalPath)}\n${source}`];
  });
  const outputs = req.outputs.map((o) => [o.logicalName, o.containerPath, shown(spec.outputs[o.logicalName]?.path ?? o.defaultLocalPath)]);
  const env = req.env.map((e) => {
    const set = spec.env[e.name];
    return [e.name, e.required ? "yes" : "no", set?.value ?? "(not set)", set?.source ?? e.source];
  });
  const args = req.args.map((a) => {
    const set = spec.args.find((s) => s.flag === a.flag);
    return [a.flag, set?.value ?? "(not set)", set?.source ?? a.source];
  });
  return [
    `${req.node} (${req.stepType})`,
    `script: ${shown(req.scriptPath)}`,
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
