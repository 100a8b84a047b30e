import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { noteConsulted } from "../io/consults.js";
import { safeSegment } from "../io/safe-segment.js";
import type { GeneratedDir, ScriptRequirements } from "../specs/requirements.js";
import type { ScriptSpec } from "../specs/script-spec.js";

/**
 * `<workspace>/<node>/generated/<input>/<content digest>/`, each name one safe segment, since node names
 * may hold `/` or `..`. Named by content, a folder is never rewritten: runs at the same time that
 * read one, or write another, cannot disturb each other.
 */
export function generatedInputDir(workspace: string): GeneratedDir {
  return (node, input, files) => {
    const hash = createHash("sha256");
    for (const file of files) hash.update(file.name).update("\0").update(file.text).update("\0");
    return join(resolve(workspace), safeSegment(node), "generated", safeSegment(input), hash.digest("hex").slice(0, 16));
  };
}

/**
 * Writes the files of every input the spec takes from the config (hyperparameters.json and its regional
 * names) into their folder, unless it is there already: filled aside and renamed into place whole, so no
 * run sees half of it.
 */
export function writeGeneratedInputs(req: ScriptRequirements, spec: ScriptSpec): void {
  for (const input of req.inputs) {
    if (input.generated === undefined || spec.inputs[input.logicalName]?.source !== "generated") continue;
    const { dir, files } = input.generated;
    noteConsulted(dir);
    if (existsSync(dir)) continue;
    const temp = `${dir}.${randomBytes(6).toString("hex")}.tmp`;
    mkdirSync(temp, { recursive: true });
    for (const file of files) writeFileSync(join(temp, file.name), file.text);
    mkdirSync(dirname(dir), { recursive: true });
    try {
      renameSync(temp, dir);
    } catch {
      // Another run put the same files there first.
      rmSync(temp, { recursive: true, force: true });
    }
  }
}
