import { createHash } from "node:crypto";
import { createReadStream, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { noteConsulted } from "../io/consults.js";
import { PathTree } from "./path-tree.js";

/** Files up to this size are read at once rather than streamed. */
const SMALL_FILE = 1n << 20n;

/** A file's stat identity: an edit changes ctime even when size and mtime are put back (`touch -r`). */
interface StatKey {
  readonly dev: string;
  readonly ino: string;
  readonly size: string;
  readonly mtimeNs: string;
  readonly ctimeNs: string;
}

export interface DigestMemoEntry extends StatKey {
  readonly sha256: string;
}

/** Content digests remembered by stat identity, so unchanged files are not read again. */
export class DigestMemo {
  private readonly entries: Map<string, DigestMemoEntry>;
  /** Paths digested or moved by this process: what it has to say that the file on disk may not. */
  private readonly touched = new PathTree();
  private changed = false;

  constructor(entries: Readonly<Record<string, DigestMemoEntry>> = {}) {
    this.entries = new Map(Object.entries(entries));
  }

  get dirty(): boolean {
    return this.changed;
  }

  toJSON(): Record<string, DigestMemoEntry> {
    return Object.fromEntries(this.entries);
  }

  /**
   * What to write back: the memo as it is on disk now (a run at the same time may have added to it),
   * with this process's digests over it, and without the paths that no longer exist (trashed entries,
   * published staging folders, deleted inputs), so the file does not grow with every run.
   */
  mergedInto(onDisk: Readonly<Record<string, DigestMemoEntry>>): Record<string, DigestMemoEntry> {
    const merged: Record<string, DigestMemoEntry> = {};
    const exists = (path: string): boolean => statSync(path, { throwIfNoEntry: false }) !== undefined;
    for (const [path, entry] of Object.entries(onDisk)) if (!this.touched.has(path) && exists(path)) merged[path] = entry;
    for (const path of this.touched) {
      const entry = this.entries.get(path);
      if (entry !== undefined && exists(path)) merged[path] = entry;
    }
    return merged;
  }

  /**
   * After a folder moved by rename, its files keep their stat identity: carry their digests along. Only
   * this process's paths can be under a staging folder it made, so the rest of the memo is not scanned.
   */
  rekey(fromDir: string, toDir: string): void {
    for (const path of this.touched.takeUnder(fromDir)) {
      const entry = this.entries.get(path);
      this.entries.delete(path);
      const moved = toDir + path.slice(fromDir.length);
      if (entry !== undefined) this.entries.set(moved, entry);
      this.touched.add(moved);
      this.changed = true;
    }
  }

  /**
   * The stat is synchronous: it takes microseconds, where a round trip through the thread pool costs
   * more than the stat itself, and a run of a thousand reused nodes waits for thousands of them in a row.
   */
  async file(path: string): Promise<string> {
    noteConsulted(path);
    const s = statSync(path, { bigint: true });
    const key: StatKey = { dev: String(s.dev), ino: String(s.ino), size: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs) };
    const known = this.entries.get(path);
    if (known !== undefined && sameStat(known, key)) return known.sha256;
    const hash = createHash("sha256");
    // A small file in one read: a stream's round trips through the thread pool cost more than reading it.
    if (s.size <= SMALL_FILE) hash.update(readFileSync(path));
    else for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
    const sha256 = hash.digest("hex");
    this.entries.set(path, { ...key, sha256 });
    this.touched.add(path);
    this.changed = true;
    return sha256;
  }

  /**
   * One digest for a file or a whole folder (relative paths and contents, so a rename is a change),
   * or `absent`. Symbolic links are followed; a folder reached twice (a link loop) counts once.
   */
  async path(path: string): Promise<string> {
    noteConsulted(path);
    let s;
    try {
      // An absent path (an optional input with nothing connected) is common: asked without an exception.
      s = statSync(path, { throwIfNoEntry: false });
    } catch {
      return "absent";
    }
    if (s === undefined) return "absent";
    if (!s.isDirectory()) return `file:${await this.file(path)}`;
    const hash = createHash("sha256");
    for (const [relative, digest] of await this.folder(path, "", new Set())) hash.update(relative).update("\0").update(digest).update("\0");
    return `dir:${hash.digest("hex")}`;
  }

  private async folder(root: string, prefix: string, seen: Set<string>): Promise<[string, string][]> {
    noteConsulted(join(root, prefix));
    const here = statSync(join(root, prefix));
    const id = `${here.dev}:${here.ino}`;
    if (seen.has(id)) return [];
    seen.add(id);
    const entries = readdirSync(join(root, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const found: [string, string][] = [];
    const files: { relative: string; at: number }[] = [];
    for (const entry of entries) {
      const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        noteConsulted(join(root, relative));
        try {
          const target = statSync(join(root, relative));
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link holds no data
        }
      }
      if (isDir) {
        found.push([`${relative}/`, ""]);
        // One at a time: spreading a sub-folder of 200,000 files into push() overflows the stack.
        for (const item of await this.folder(root, relative, seen)) found.push(item);
      }
      else if (isFile) {
        files.push({ relative, at: found.length });
        found.push([relative, ""]);
      }
    }
    for (const f of files) found[f.at] = [f.relative, await this.file(join(root, f.relative))];
    return found;
  }
}

function sameStat(a: StatKey, b: StatKey): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/** sha256 of a value's canonical JSON (keys sorted), so equal values give equal keys whatever their key order. */
export function digestOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/** A value as JSON with every object's keys sorted (undefined members left out, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
