import type { ScriptRequirements } from "../specs/requirements.js";
import type { Wire } from "../runner/wire-edges.js";
import { textTable } from "./text-table.js";

export function requirementsText(req: ScriptRequirements, wires: readonly Wire[], width?: number): string {
  const fed = new Map(wires.filter((w) => w.node === req.node).map((w) => [w.input, `${w.fromNode}.${w.fromOutput} (${w.kind}, ${w.confidence})`]));
  const inputs = req.inputs.map((i) => [i.logicalName, i.required ? "yes" : "no", i.containerPath, fed.get(i.logicalName) ?? i.defaultLocalPath]);
  const outputs = req.outputs.map((o) => [o.logicalName, o.containerPath, o.defaultLocalPath]);
  const env = req.env.map((e) => [e.name, e.required ? "yes" : "no", e.value ?? "(not set)", e.source]);
  const args = req.args.map((a) => [a.flag, a.value ?? "(not set)", a.source]);
  return [
    `${req.node} (${req.stepType})`,
    `script: ${req.scriptPath}`,
    "",
    "inputs",
    textTable(["logical name", "required", "container path", "local path / fed by"], inputs, width),
    "outputs",
    textTable(["logical name", "container path", "local path"], outputs, width),
    "env vars",
    textTable(["name", "required", "value", "source"], env, width),
    "job arguments",
    args.length === 0 ? "(none)" : textTable(["flag", "value", "source"], args, width),
  ].join("\n");
}
