import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { safeSegment } from "../engine/safe-segment.js";
import type { GeneratedDir, ScriptRequirements } from "../specs/requirements.js";
import type { ScriptSpec } from "../specs/script-spec.js";

/** `<workspace>/<node>/generated/<input>/`, each name one safe segment, since node names may hold `/` or `..`. */
export function generatedInputDir(workspace: string): GeneratedDir {
  return (node, input) => join(resolve(workspace), safeSegment(node), "generated", safeSegment(input));
}

/**
 * Writes the files of every input the spec takes from the config (hyperparameters.json and its regional
 * names). The folder is emptied first: a name that the config no longer produces (another region) must
 * not linger, because the script would read it and the input digest would still include it.
 */
export function writeGeneratedInputs(req: ScriptRequirements, spec: ScriptSpec): void {
  for (const input of req.inputs) {
    if (input.generated === undefined || spec.inputs[input.logicalName]?.source !== "generated") continue;
    rmSync(input.generated.dir, { recursive: true, force: true });
    mkdirSync(input.generated.dir, { recursive: true });
    for (const file of input.generated.files) writeFileSync(join(input.generated.dir, file.name), file.text);
  }
}
