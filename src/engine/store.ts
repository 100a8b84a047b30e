import { randomBytes } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { z } from "zod";
import * as msg from "../messages.js";
import { readJsonIf, writeJsonAtomic } from "./atomic-json.js";
import { DigestMemo, type DigestMemoEntry } from "./content-digest.js";
import { fingerprintPartsSchema, type FingerprintParts } from "./fingerprint.js";
import { outputRecordSchema } from "../results/run-record.js";
import { noteConsulted } from "../io/consults.js";
import { safeSegment } from "../io/safe-segment.js";
import { assertOwnedPath } from "./owned-path.js";
import { ACTIVE_FILE, liveRunStarts, type KilledRun } from "./run-marks.js";

export const storeEntrySchema = z.object({
  version: z.literal(2),
  fingerprint: z.string(),
  parts: fingerprintPartsSchema,
  /** The node and run that produced it; another node with the same fingerprint may reuse it. */
  node: z.string(),
  runId: z.string(),
  ran: z.object({
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number().nonnegative(),
    cpuMs: z.number().nonnegative().optional(),
    peakRssKb: z.number().nonnegative().optional(),
  }),
  /** Output digests right after the run: a later edit, through a view or by hand, is noticed. */
  outputDigests: z.record(z.string(), z.string()),
  /** Files, sizes and rows of each output, counted once: a reuse shows them without reading a 1 GB CSV again. */
  outputStats: z.record(z.string(), outputRecordSchema.pick({ fileCount: true, totalBytes: true, files: true })).optional(),
});
export type StoreEntry = z.infer<typeof storeEntrySchema>;

const latestSchema = z.object({ fingerprint: z.string(), parts: fingerprintPartsSchema, runId: z.string() });
export type LatestResult = z.infer<typeof latestSchema>;

const memoSchema = z.record(z.string(), z.object({ dev: z.string(), ino: z.string(), size: z.string(), mtimeNs: z.string(), ctimeNs: z.string(), sha256: z.string() }));

export type Lookup =
  | { readonly kind: "absent" }
  | { readonly kind: "valid"; readonly entry: StoreEntry }
  | { readonly kind: "changed"; readonly entry: StoreEntry; readonly changes: readonly string[] };

const ENTRY_FILE = "entry.json";

/**
 * The workspace's content-addressed results: `<ws>/store/<fingerprint>/outputs/<output>/`. Entries are
 * published whole by one rename and never written in place, so runs at the same time never share a
 * folder, and switching a value back finds the earlier result. `<ws>/<node>/output/<output>` is only a
 * link to the node's current entry.
 */
export class Store {
  readonly workspace: string;
  private digests: DigestMemo | undefined;
  private readonly root: string;
  private readonly cache: string;
  /** Runs this store found killed outright and cleared, for the run record to tell. */
  readonly killedRuns: KilledRun[] = [];
  /** Each node's latest result as last read or written here, as JSON text, with its file's stat identity then. */
  private readonly latestSeen = new Map<string, { readonly text: string | undefined; readonly stat: string | undefined }>();
  private latestNames: Set<string> | undefined;

  constructor(workspace: string) {
    this.workspace = resolve(workspace);
    this.root = join(this.workspace, "store");
    this.cache = join(this.workspace, "cache");
    for (const dir of [join(this.root, ".trash"), join(this.cache, "latest"), join(this.workspace, "runs")]) {
      assertOwnedPath(this.workspace, dir);
      mkdirSync(dir, { recursive: true });
      assertOwnedPath(this.workspace, dir);
    }
    this.emptyTrash();
  }

  /** Read on first use: a run replayed whole (schedule/settled-run.ts) digests nothing. */
  get memo(): DigestMemo {
    this.digests ??= new DigestMemo((readJsonIf(this.memoFile(), memoSchema) ?? {}) as Record<string, DigestMemoEntry>);
    return this.digests;
  }

  get storeDir(): string {
    return this.root;
  }

  entryDir(fingerprint: string): string {
    return join(this.root, fingerprint);
  }

  outputDir(entryDir: string, output: string): string {
    return join(entryDir, "outputs", safeSegment(output));
  }

  /** The folder a node's output is shown at: a link to its current entry. */
  viewDir(node: string, output: string): string {
    return join(this.workspace, safeSegment(node), "output", safeSegment(output));
  }

  async lookup(fingerprint: string): Promise<Lookup> {
    const dir = this.entryDir(fingerprint);
    noteConsulted(join(dir, ENTRY_FILE));
    const entry = readJsonIf(join(dir, ENTRY_FILE), storeEntrySchema);
    if (entry === undefined || entry.fingerprint !== fingerprint) return { kind: "absent" };
    const changes: string[] = [];
    for (const [output, digest] of Object.entries(entry.outputDigests)) {
      const now = await this.memo.path(this.outputDir(dir, output));
      if (now !== digest) changes.push(now === "absent" ? msg.storedOutputGone(output) : msg.storedOutputChanged(output));
    }
    return changes.length === 0 ? { kind: "valid", entry } : { kind: "changed", entry, changes };
  }

  /**
   * Moves a finished staging folder into the store by one rename. When another run published the same
   * fingerprint first, its entry is kept (it is the same result, and other runs may be reading it) unless
   * `replace` is set, for an entry changed by hand. Returns the entry now in the store.
   */
  publish(staging: string, entry: StoreEntry, replace: boolean): { dir: string; entry: StoreEntry } {
    assertOwnedPath(this.workspace, staging);
    // Written in place: nothing reads a staging folder, and the rename below publishes it whole.
    writeFileSync(join(staging, ENTRY_FILE), `${JSON.stringify(entry)}\n`);
    const target = this.entryDir(entry.fingerprint);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        renameSync(staging, target);
        return { dir: target, entry };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
        const theirs = readJsonIf(join(target, ENTRY_FILE), storeEntrySchema);
        if (!replace && theirs !== undefined) {
          this.discard(staging);
          return { dir: target, entry: theirs };
        }
        this.discard(target);
      }
    }
    throw new Error(`could not publish ${staging} to ${target}`);
  }

  /** Points the node's view links at an entry; each link is swapped by rename, never missing. */
  showViews(node: string, entryDir: string, outputs: readonly string[]): void {
    for (const output of outputs) {
      const view = this.viewDir(node, output);
      const target = relative(dirname(view), this.outputDir(entryDir, output));
      // Its target, the entry's output folder, is noted by the lookup that found the entry.
      noteConsulted(view, "link");
      // Already shown: nothing is written, so there is nothing to guard (a reused node's usual case).
      if (currentLink(view) === target) continue;
      assertOwnedPath(this.workspace, dirname(view));
      mkdirSync(dirname(view), { recursive: true });
      assertOwnedPath(this.workspace, dirname(view));
      const temp = `${view}.${randomBytes(6).toString("hex")}.link`;
      symlinkSync(target, temp);
      try {
        renameSync(temp, view);
      } catch (error) {
        // A real folder from an earlier layout of this workspace: it is ours, inside the workspace.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "EISDIR" && code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
        this.discard(view);
        renameSync(temp, view);
      }
    }
  }

  /** Whether the node has a latest result, from one listing of their folder per store: a plan asks it of every node. */
  hasLatest(node: string): boolean {
    this.latestNames ??= new Set(readdirSync(join(this.cache, "latest")));
    return this.latestNames.has(latestName(node));
  }

  latest(node: string): LatestResult | undefined {
    const file = this.latestFile(node);
    noteConsulted(file);
    // Stat first: a file replaced between the two then reads as changed, never as unchanged.
    const stat = statKey(file);
    const latest = readJsonIf(file, latestSchema);
    this.latestSeen.set(node, { text: latest === undefined ? undefined : JSON.stringify(latest), stat });
    return latest;
  }

  /**
   * Written only when it differs from what this store last read or wrote and the file is still the one
   * it read or wrote (a run at the same time may have replaced it): a reused node leaves it alone. Both
   * sides are in the schema's key order; another order would only cost a write.
   */
  setLatest(node: string, latest: LatestResult): void {
    const file = this.latestFile(node);
    const text = JSON.stringify(latest);
    const seen = this.latestSeen.get(node);
    if (seen !== undefined && seen.text === text && seen.stat !== undefined && seen.stat === statKey(file)) return;
    writeJsonAtomic(file, latest);
    this.latestSeen.set(node, { text, stat: statKey(file) });
    this.latestNames?.add(latestName(node));
  }

  /** Written only when a digest changed; a run that reused everything leaves the file alone. */
  saveMemo(): void {
    if (this.digests?.dirty !== true) return;
    const onDisk = (readJsonIf(this.memoFile(), memoSchema) ?? {}) as Record<string, DigestMemoEntry>;
    writeJsonAtomic(this.memoFile(), this.digests.mergedInto(onDisk));
  }

  /**
   * Takes a folder of the workspace out of sight at once by rename into the trash. It is deleted later,
   * once no run that started before it was trashed is still going: such a run may be reading it.
   */
  discard(dir: string): void {
    assertOwnedPath(this.workspace, dir);
    if (lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink() === true) return unlinkSync(dir);
    renameSync(dir, join(this.root, ".trash", `${Date.now()}-${randomBytes(6).toString("hex")}`));
  }

  /** Marks a run as going, so the trash it may read from is kept until it ends. */
  beginRun(runDir: string): void {
    writeJsonAtomic(join(runDir, ACTIVE_FILE), { pid: process.pid, since: Date.now() });
  }

  /** The same for a run whose folder does not exist yet (a live session). */
  beginRunAt(runDir: string): void {
    assertOwnedPath(this.workspace, runDir);
    mkdirSync(runDir, { recursive: true });
    this.beginRun(runDir);
  }

  endRun(runDir: string): void {
    rmSync(join(runDir, ACTIVE_FILE), { force: true });
    this.emptyTrash();
  }

  /** Deletes what was trashed before the oldest run still going started (all of it when none is). */
  private emptyTrash(): void {
    const trash = join(this.root, ".trash");
    const cutoff = Math.min(...liveRunStarts(this.workspace, (dir) => this.discard(dir), (killed) => this.killedRuns.push(killed)));
    for (const name of readdirSync(trash)) {
      const trashedAt = Number(name.split("-")[0]);
      if (!(trashedAt < cutoff)) continue;
      void rm(join(trash, name), { recursive: true, force: true }).catch(() => {});
    }
  }

  private latestFile(node: string): string {
    return join(this.cache, "latest", latestName(node));
  }

  private memoFile(): string {
    return join(this.cache, "digests.json");
  }
}

const latestName = (node: string): string => `${safeSegment(node)}.json`;

/** A file's stat identity as one string (ctime included: a rewrite in place changes it), or undefined when absent. */
function statKey(file: string): string | undefined {
  const s = statSync(file, { bigint: true, throwIfNoEntry: false });
  return s === undefined ? undefined : `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

function currentLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

export type { FingerprintParts };
