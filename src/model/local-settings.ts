import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { SourceNumber } from "../config/source-number.js";
import { readJsonFile } from "../io/read-json-file.js";
import { parseWith } from "../io/zod-issues.js";
import type { Problem } from "../errors.js";
import * as msg from "../messages.js";
import type { DottedOverrides } from "../specs/dotted-overrides.js";
import { isWithin } from "../io/is-within.js";
import { noteConsulted } from "../io/consults.js";

export const LOCAL_SETTINGS_FILE = "cursus-lab.json";

// Numbers keep their text (the file is read losslessly): 12345678901234567891 and 1e999 reach the script as written.
const dotted = z.record(z.string(), z.union([z.string(), z.instanceof(SourceNumber).transform((n) => n.text), z.boolean().transform(String)]));

/** `cursus-lab.json`: how this machine runs the pipeline (local data, extra interfaces), kept beside the DAG. */
export const localSettingsSchema = z
  .object({
    inputs: dotted.optional(),
    outputs: dotted.optional(),
    env: dotted.optional(),
    args: dotted.optional(),
    interfaces: z.array(z.string()).optional(),
    scriptsDirs: z.array(z.string()).optional(),
    python: z.string().optional(),
    /** How scripts are started: `auto` (default), `main` or `script`; the run's --entry wins. */
    entry: z.enum(["auto", "main", "script"]).optional(),
    /** Fork nodes from a server that preloaded the scripts' modules (`--warm`); outputs are the same. */
    warm: z.boolean().optional(),
    /** Modules the fork server imports besides those it learned from earlier runs. */
    preload: z.array(z.string()).optional(),
    /** `{"NODE.INPUT": "UPSTREAM.OUTPUT"}`: inputs whose source the user chooses. */
    wires: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export interface LocalSettings {
  readonly file: string;
  readonly overrides: DottedOverrides;
  readonly interfacesDirs: readonly string[];
  readonly scriptsDirs: readonly string[];
  readonly python: string | undefined;
  readonly entry: "auto" | "main" | "script" | undefined;
  readonly warm: boolean | undefined;
  readonly preload: readonly string[];
  /** As `NODE.INPUT=UPSTREAM.OUTPUT`; the factory parses them, since only it knows the node names. */
  readonly wires: readonly string[];
}

/** The settings file beside a DAG file, if there is one. */
export function settingsBesideDag(dagFile: string): string | undefined {
  const candidate = join(dirname(resolve(dagFile)), LOCAL_SETTINGS_FILE);
  noteConsulted(candidate);
  return existsSync(candidate) ? candidate : undefined;
}

/** Paths in the file are taken from the file's own folder. */
export function loadLocalSettings(file: string): LocalSettings {
  const raw = parseWith(localSettingsSchema, readJsonFile(file, "settings file", { lossless: true }), file, "cursus-lab settings", '{"inputs": {"NODE.LOGICAL": "path"}, "env": {...}, "args": {...}, "interfaces": [dirs], "wires": {"NODE.INPUT": "UPSTREAM.OUTPUT"}}');
  const base = dirname(resolve(file));
  const paths = (record: Record<string, string> | undefined): Record<string, string> | undefined =>
    record === undefined ? undefined : Object.fromEntries(Object.entries(record).map(([k, v]) => [k, resolve(base, v)]));
  const inputs = paths(raw.inputs);
  const outputs = paths(raw.outputs);
  return {
    file,
    overrides: {
      ...(inputs === undefined ? {} : { inputs }),
      ...(outputs === undefined ? {} : { outputs }),
      ...(raw.env === undefined ? {} : { env: raw.env }),
      ...(raw.args === undefined ? {} : { args: raw.args }),
    },
    interfacesDirs: (raw.interfaces ?? []).map((d) => resolve(base, d)),
    scriptsDirs: (raw.scriptsDirs ?? []).map((d) => resolve(base, d)),
    python: raw.python,
    entry: raw.entry,
    warm: raw.warm,
    preload: raw.preload ?? [],
    wires: Object.entries(raw.wires ?? {}).map(([target, source]) => `${target}=${source}`),
  };
}

/** Output folders a settings file names outside its own folder, as problems. */
export function outputsOutsideProject(settings: LocalSettings): Problem[] {
  const project = dirname(resolve(settings.file));
  return Object.entries(settings.overrides.outputs ?? {}).flatMap(([key, dir]) => {
    // The project folder itself is not inside it: `.` would name the project as an output.
    const inside = isWithin(project, dir) && resolve(dir) !== resolve(project);
    return inside ? [] : [{ node: key, field: "outputs", message: msg.settingsOutputOutside(settings.file, key, dir), fix: msg.settingsOutputOutsideFix() }];
  });
}
