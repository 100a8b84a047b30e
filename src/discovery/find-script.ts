import { statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { ConfigFields } from "../config/pipeline-config.js";
import { noteConsulted } from "../io/consults.js";
import type { Caller } from "../messages.js";
import { movedPath, type ProjectMove } from "./project-move.js";

/** Config fields naming a pipeline script, in the order cursus step builders read them. */
export const ENTRY_POINT_FIELDS = ["processing_entry_point", "training_entry_point", "entry_point"] as const;
export type EntryPointField = (typeof ENTRY_POINT_FIELDS)[number];

const SOURCE_DIR_FIELDS = ["processing_source_dir", "source_dir"] as const;
const PORTABLE_DIR_FIELDS = ["portable_processing_source_dir", "portable_source_dir"] as const;

/** The folder the config puts its scripts in (its first source folder set), from the project root; undefined when none is. */
export function configScriptDir(fields: ConfigFields, projectRoot: string): string | undefined {
  const value = SOURCE_DIR_FIELDS.map((field) => fields[field]).find((v): v is string => typeof v === "string" && v.trim() !== "");
  return value === undefined ? undefined : resolve(projectRoot, value);
}

export function entryPointOf(fields: ConfigFields): { field: EntryPointField; value: string } | undefined {
  for (const field of ENTRY_POINT_FIELDS) {
    const value = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (typeof value === "string" && value.trim() !== "") return { field, value };
  }
  return undefined;
}

/** An entry-point field set to something other than a file name (`"processing_entry_point": 5`). */
export function badEntryPointOf(fields: ConfigFields): { field: EntryPointField; value: unknown } | undefined {
  for (const field of ENTRY_POINT_FIELDS) {
    if (!Object.hasOwn(fields, field)) continue;
    const value = fields[field];
    if (value !== null && value !== undefined && typeof value !== "string") return { field, value };
  }
  return undefined;
}

export interface ScriptSearch {
  /** Relative source dirs in the config are taken from here. */
  readonly projectRoot: string;
  readonly scriptsDirs: readonly string[];
  /** Whose names the hints use: the API's options (`scriptsDirs`, the default) or the CLI's flags (`--scripts-dir`). */
  readonly caller?: Caller;
  /** Where the config's project sits here, learnt from the scripts found: its folders are tried there last. */
  readonly moves?: readonly ProjectMove[];
}

export type ScriptLookup =
  | { readonly found: true; readonly path: string; readonly tried: readonly string[]; readonly movedFrom?: string }
  | { readonly found: false; readonly tried: readonly string[] };

/** Entry point joined to each candidate folder in turn; every path tried is kept for the error message. */
export function findScript(entryPoint: string, fields: ConfigFields, search: ScriptSearch): ScriptLookup {
  const folders: string[] = [];
  for (const field of [...SOURCE_DIR_FIELDS, ...PORTABLE_DIR_FIELDS]) {
    const value = fields[field];
    if (typeof value === "string" && value.trim() !== "") folders.push(resolve(search.projectRoot, value));
  }
  const configFolders = [...folders];
  for (const dir of search.scriptsDirs) folders.push(resolve(dir));
  if (folders.length === 0) folders.push(resolve(search.projectRoot));
  // Each moved folder stands for the config's folder it came from.
  const standsFor = new Map<string, string>();
  for (const move of search.moves ?? []) {
    for (const dir of configFolders) {
      const moved = movedPath(dir, move);
      if (moved !== undefined && !folders.includes(moved)) {
        folders.push(moved);
        standsFor.set(moved, dir);
      }
    }
  }
  const candidates = isAbsolute(entryPoint) ? [entryPoint] : [...new Set(folders.map((dir) => join(dir, entryPoint)))];
  const tried: string[] = [];
  for (const candidate of candidates) {
    tried.push(candidate);
    if (!isFile(candidate)) continue;
    const configFolder = [...standsFor].find(([moved]) => join(moved, entryPoint) === candidate)?.[1];
    return { found: true, path: candidate, tried, ...(configFolder === undefined ? {} : { movedFrom: configFolder }) };
  }
  return { found: false, tried };
}

function isFile(path: string): boolean {
  noteConsulted(path);
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
