import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CursusLabError, ProblemsError, type Problem } from "../errors.js";
import { noteConsulted } from "../io/consults.js";
import { readYamlFile } from "../io/read-yaml-file.js";
import { parseWith } from "../io/zod-issues.js";
import * as msg from "../messages.js";
import { stepInterfaceSchema, type StepInterface } from "./step-interface-schema.js";

export interface LoadedInterface {
  readonly file: string;
  readonly stepInterface: StepInterface;
}

export function loadInterfaceFile(file: string): LoadedInterface {
  const raw = readYamlFile(file, "step interface");
  return { file, stepInterface: parseWith(stepInterfaceSchema, raw, file, "step interface", msg.interfaceShape) };
}

/** Every `*.step.yaml` directly in `dir`, sorted by name so the result never depends on the file system. */
export function loadInterfaceDir(dir: string): LoadedInterface[] {
  const folder = resolve(dir);
  let names: string[];
  noteConsulted(folder);
  try {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    names = readdirSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    throw new CursusLabError("INTERFACES_DIR_UNREADABLE", msg.interfacesDirUnreadable(dir, code), msg.interfacesDirHint(), {
      file: dir,
      cause: error,
    });
  }
  // Every bad file is reported at once: a folder exported from a project may hold several.
  const loaded: LoadedInterface[] = [];
  const errors: CursusLabError[] = [];
  const problems: Problem[] = [];
  for (const name of names.filter((n) => n.endsWith(".step.yaml") || n.endsWith(".step.yml")).sort()) {
    try {
      loaded.push(loadInterfaceFile(join(folder, name)));
    } catch (error) {
      if (!(error instanceof CursusLabError)) throw error;
      errors.push(error);
      problems.push({ node: name, field: "interface", message: error.message, fix: error.hint });
    }
  }
  if (errors.length === 1) throw errors[0]!;
  if (problems.length > 1) throw new ProblemsError("INTERFACES_INVALID", msg.interfacesInvalid(dir, problems.length), problems, msg.interfacesInvalidHint());
  return loaded;
}
