import { AsyncLocalStorage } from "node:async_hooks";
import { lstatSync, statSync, type Stats } from "node:fs";
import { resolve } from "node:path";
import * as msg from "../messages.js";

/**
 * A stamp this much younger than the moment it was read may still be shared by a later edit: file
 * systems take stamps from a clock that ticks every few milliseconds, so two writes within one tick
 * look the same to stat.
 */
const FRESH_MS = 100;

/**
 * What a run read its decisions from: each path with its state when first read (kind, device, inode,
 * size, mtime and ctime, a link's target), and answers that stand on more than files. A later run
 * that finds every state and answer the same would decide every node the same way, without reading
 * the pipeline again.
 */
export class ConsultLog {
  private readonly states = new Map<string, string>();
  private readonly answerValues = new Map<string, string>();
  private why: string | undefined;

  /** `clock`: the time a stamp is compared with, to tell one too fresh to trust. */
  constructor(private readonly clock: () => number = Date.now) {}

  /**
   * Stat first: a file replaced between the stat and its read then looks changed, never unchanged.
   * `link`: the path is a link whose target is noted on its own, so only the link itself counts.
   */
  note(path: string, how: Reading = "follow"): void {
    const full = resolve(path);
    const known = this.states.get(full);
    // Read through as well, a link's target counts too; the link itself must still be the one read first.
    if (known !== undefined && (how === "link" || readingOf(known) === "follow")) return;
    const { state, fresh } = pathState(full, how, this.clock());
    if (known !== undefined && !state.startsWith(`${known.slice(LINK_ONLY.length)}>`)) this.why ??= msg.pathNotSteady(full);
    this.states.set(full, state);
    if (fresh) this.why ??= msg.pathNotSteady(full);
  }

  answer(kind: string, value: string): void {
    const known = this.answerValues.get(kind);
    if (known !== undefined && known !== value) this.unsettle(msg.answerChanged(kind));
    this.answerValues.set(kind, value);
  }

  /** The run read something no state can vouch for: its decisions are not remembered. */
  unsettle(why: string): void {
    this.why ??= why;
  }

  get paths(): ReadonlyMap<string, string> {
    return this.states;
  }

  get answers(): ReadonlyMap<string, string> {
    return this.answerValues;
  }

  /**
   * Why the run's decisions cannot be remembered, if they cannot. A path that is no longer as it was
   * read counts too: the run itself may have put it right (a view link made again), and a memo of the
   * state before would let the next run skip doing that again.
   */
  unsettled(): string | undefined {
    if (this.why !== undefined) return this.why;
    const changed = firstChanged(this.states);
    return changed === undefined ? undefined : msg.pathChangedDuringRun(changed);
  }
}

const storage = new AsyncLocalStorage<ConsultLog>();

/** Runs `fn` with `log` noting every path the pipeline's loaders and the node decisions read. */
export function withConsults<T>(log: ConsultLog, fn: () => T): T {
  return storage.run(log, fn);
}

/** Notes a path about to be read, listed or tested, for the run being recorded (if any). */
export function noteConsulted(path: string, how: Reading = "follow"): void {
  storage.getStore()?.note(path, how);
}

/** Notes an answer that stands on more than files (the machine's sandbox support), for the run being recorded. */
export function noteAnswer(kind: string, value: string): void {
  storage.getStore()?.answer(kind, value);
}

export function noteUnsettled(why: string): void {
  storage.getStore()?.unsettle(why);
}

/** The first path whose state is not the one noted, read the way it was noted; undefined when all are the same. */
export function firstChanged(states: Iterable<readonly [string, string]>): string | undefined {
  for (const [path, state] of states) if (pathState(path, readingOf(state)).state !== state) return path;
  return undefined;
}

/** Whether a link's state includes its target's. */
export type Reading = "follow" | "link";

const LINK_ONLY = "link-only ";

/** How a state was read, from the state itself: a link read on its own says so. */
export const readingOf = (state: string): Reading => (state.startsWith(LINK_ONLY) ? "link" : "follow");

/**
 * A path's state as one string: `absent`, or its stamp (and, for a link, its target's unless `link`).
 * Millisecond stamps as doubles still tell apart two ticks of a file system's clock, and cost half of
 * bigint ones.
 */
export function pathState(path: string, how: Reading = "follow", now: number = Date.now()): { state: string; fresh: boolean } {
  let own: Stats | undefined;
  try {
    own = lstatSync(path, { throwIfNoEntry: false });
  } catch (error) {
    return { state: `error:${(error as NodeJS.ErrnoException).code ?? "?"}`, fresh: false };
  }
  if (own === undefined) return { state: "absent", fresh: false };
  if (!own.isSymbolicLink()) return { state: stamp(own), fresh: isFresh(own, now) };
  if (how === "link") return { state: `${LINK_ONLY}${stamp(own)}`, fresh: isFresh(own, now) };
  // A link is never rewritten in place: pointed elsewhere, it is a new link with a stamp of its own.
  let target: Stats | undefined;
  try {
    target = statSync(path, { throwIfNoEntry: false });
  } catch {
    target = undefined;
  }
  const fresh = isFresh(own, now) || (target !== undefined && isFresh(target, now));
  return { state: `${stamp(own)}>${target === undefined ? "dangling" : stamp(target)}`, fresh };
}

function stamp(s: Stats): string {
  const kind = s.isFile() ? "f" : s.isDirectory() ? "d" : s.isSymbolicLink() ? "l" : "o";
  return `${kind}:${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

const isFresh = (s: Stats, now: number): boolean => now - Math.max(s.mtimeMs, s.ctimeMs) < FRESH_MS;
