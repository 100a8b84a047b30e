import { z } from "zod";
import * as msg from "../messages.js";
import { digestOf } from "./content-digest.js";

/**
 * Everything that can change what a node produces. Inputs are content digests: an upstream node that
 * reruns and writes the same files leaves its descendants cached.
 */
export const fingerprintPartsSchema = z.object({
  script: z.string(),
  /** The `.py` files beside the script, and packages below it, which the script may import. */
  modules: z.string(),
  harness: z.string(),
  /** Interpreter path, version and `PYTHONPATH`. */
  python: z.string(),
  entry: z.string(),
  env: z.record(z.string(), z.string()),
  args: z.array(z.string()),
  inputs: z.record(z.string(), z.string()),
  outputs: z.array(z.string()),
});
export type FingerprintParts = z.infer<typeof fingerprintPartsSchema>;

/** The key a node result is stored under. */
export function fingerprintKey(parts: FingerprintParts): string {
  return digestOf(parts);
}

/** What differs, in words a user acts on: `env LABEL_FIELD changed`, `input data changed`. */
export function describeChanges(before: FingerprintParts, now: FingerprintParts): string[] {
  const changes: string[] = [];
  if (before.script !== now.script) changes.push(msg.changedScript());
  if (before.modules !== now.modules) changes.push(msg.changedModules());
  if (before.harness !== now.harness) changes.push(msg.changedHarness());
  if (before.python !== now.python) changes.push(msg.changedInterpreter(before.python, now.python));
  if (before.entry !== now.entry) changes.push(msg.changedEntry(before.entry, now.entry));
  for (const name of union(before.env, now.env)) {
    if (!(name in now.env)) changes.push(msg.changedEnv(name, "removed"));
    else if (!(name in before.env)) changes.push(msg.changedEnv(name, "added"));
    else if (before.env[name] !== now.env[name]) changes.push(msg.changedEnv(name, "changed"));
  }
  if (JSON.stringify(before.args) !== JSON.stringify(now.args)) changes.push(msg.changedArgs(before.args, now.args));
  for (const name of union(before.inputs, now.inputs)) if (before.inputs[name] !== now.inputs[name]) changes.push(msg.changedInput(name));
  if (JSON.stringify(before.outputs) !== JSON.stringify(now.outputs)) changes.push(msg.changedOutputs());
  return changes;
}

function union(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}
