import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CursusLabError } from "../errors.js";
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
  return names
    .filter((name) => name.endsWith(".step.yaml") || name.endsWith(".step.yml"))
    .sort()
    .map((name) => loadInterfaceFile(join(folder, name)));
}
