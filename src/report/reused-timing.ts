import { join } from "node:path";
import { readJsonIf } from "../engine/atomic-json.js";
import { storeEntrySchema } from "../engine/store.js";
import type { NodeRecord, RunRecord } from "../results/run-record.js";

/**
 * Fills `reused` for cache hits from the store entry that produced them (its `ran` times). Records written
 * before the engine fills `reused` itself get their charts' real durations this way; a missing or other
 * entry leaves the node as it is.
 */
export function withReusedTiming(record: RunRecord): RunRecord {
  const nodes = record.nodes.map((n): NodeRecord => {
    if (n.cache !== "hit" || n.reused !== undefined || n.fingerprint === undefined) return n;
    const entry = readJsonIf(join(record.workspace, "store", n.fingerprint, "entry.json"), storeEntrySchema);
    if (entry === undefined || entry.fingerprint !== n.fingerprint || entry.runId === record.runId) return n;
    return { ...n, reused: { runId: entry.runId, startedAt: entry.ran.startedAt, finishedAt: entry.ran.finishedAt, durationMs: entry.ran.durationMs } };
  });
  return { ...record, nodes };
}
