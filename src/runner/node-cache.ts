import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { nodeRecordSchema, type NodeRecord } from "../results/run-record.js";
import { hashPath, type FileHashMemo } from "./content-hash.js";

/** Everything that decides what a node produces; equal fingerprints mean the outputs can be reused. */
export const fingerprintSchema = z.object({
  script: z.string(),
  harness: z.string(),
  python: z.string(),
  env: z.record(z.string(), z.string()),
  args: z.array(z.string()),
  inputs: z.record(z.string(), z.string()),
  outputs: z.record(z.string(), z.string()),
});
export type Fingerprint = z.infer<typeof fingerprintSchema>;

const entrySchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  fingerprint: fingerprintSchema,
  /** Output folder hashes right after the run: a later edit or deletion is noticed. */
  outputDigests: z.record(z.string(), z.string()),
  record: nodeRecordSchema,
});
export type CacheEntry = z.infer<typeof entrySchema>;

export type CacheDecision =
  | { readonly hit: true; readonly reason: string; readonly entry: CacheEntry }
  | { readonly hit: false; readonly reason: string };

/** Per-node cache entries under `<workspace>/cache/`, written only after a node succeeded. */
export class NodeCache {
  private readonly dir: string;
  readonly memo: FileHashMemo;

  constructor(workspace: string) {
    this.dir = join(workspace, "cache");
    mkdirSync(join(this.dir, "nodes"), { recursive: true });
    this.memo = this.readJson(join(this.dir, "file-hashes.json")) as FileHashMemo | undefined ?? {};
  }

  read(node: string): CacheEntry | undefined {
    const parsed = entrySchema.safeParse(this.readJson(this.entryFile(node)));
    return parsed.success ? parsed.data : undefined;
  }

  async decide(node: string, current: Fingerprint, force: boolean): Promise<CacheDecision> {
    if (force) return { hit: false, reason: "--force: run regardless of the cache" };
    const entry = this.read(node);
    if (entry === undefined) return { hit: false, reason: "no earlier successful run" };
    const changes = describeChanges(entry.fingerprint, current);
    for (const [logical, digest] of Object.entries(entry.outputDigests)) {
      const now = await hashPath(current.outputs[logical] ?? "", this.memo);
      if (now !== digest) changes.push(now === "absent" ? `output ${logical} is gone` : `output ${logical} was changed after its run`);
    }
    if (changes.length > 0) return { hit: false, reason: changes.join("; ") };
    return { hit: true, reason: `unchanged since run ${entry.runId}`, entry };
  }

  async store(node: string, runId: string, fingerprint: Fingerprint, record: NodeRecord): Promise<void> {
    const outputDigests: Record<string, string> = {};
    for (const [logical, path] of Object.entries(fingerprint.outputs)) outputDigests[logical] = await hashPath(path, this.memo);
    this.writeJson(this.entryFile(node), { version: 1, runId, fingerprint, outputDigests, record } satisfies CacheEntry);
  }

  saveMemo(): void {
    this.writeJson(join(this.dir, "file-hashes.json"), this.memo);
  }

  private entryFile(node: string): string {
    // In a folder of their own: a node named "file-hashes" must not meet the memo file.
    return join(this.dir, "nodes", `${encodeURIComponent(node)}.json`);
  }

  private readJson(file: string): unknown {
    try {
      return JSON.parse(readFileSync(file, "utf8"));
    } catch {
      return undefined;
    }
  }

  /** Write then rename, so an interrupted run never leaves half an entry behind. */
  private writeJson(file: string, value: unknown): void {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, file);
  }
}

/** What differs, in words a user acts on: `env LABEL_FIELD changed`, `input DATA changed`. */
export function describeChanges(before: Fingerprint, now: Fingerprint): string[] {
  const changes: string[] = [];
  if (before.script !== now.script) changes.push("script changed");
  if (before.harness !== now.harness) changes.push("cursus-lab's harness changed");
  if (before.python !== now.python) changes.push(`interpreter changed (${before.python} -> ${now.python})`);
  for (const name of new Set([...Object.keys(before.env), ...Object.keys(now.env)])) {
    if (!(name in now.env)) changes.push(`env ${name} removed`);
    else if (!(name in before.env)) changes.push(`env ${name} added`);
    else if (before.env[name] !== now.env[name]) changes.push(`env ${name} changed`);
  }
  if (JSON.stringify(before.args) !== JSON.stringify(now.args)) changes.push(`job arguments changed (${before.args.join(" ") || "none"} -> ${now.args.join(" ") || "none"})`);
  for (const name of new Set([...Object.keys(before.inputs), ...Object.keys(now.inputs)])) {
    if (before.inputs[name] !== now.inputs[name]) changes.push(`input ${name} changed`);
  }
  for (const name of new Set([...Object.keys(before.outputs), ...Object.keys(now.outputs)])) {
    if (before.outputs[name] !== now.outputs[name]) changes.push(`output ${name} moved`);
  }
  return changes;
}
