import type { OutputRecord } from "../results/run-record.js";
import type { InputEntry, ScriptSpec } from "../specs/script-spec.js";
import { modelArchiveDir } from "./model-archive-dir.js";
import type { Store } from "./store.js";

/** What a node reads of a parent: the parent's result now, or the stored result a plan expects to reuse. */
export interface ParentOutputs {
  readonly outputs: readonly Pick<OutputRecord, "logicalName" | "path" | "digest">[];
}

export interface ResolvedInput {
  readonly path: string;
  /** Content digest, as the fingerprint uses it. */
  readonly digest: string;
}

/**
 * Where each input is read from in this run. A wired input reads the parent's result in the store,
 * never the workspace's link to it, which a run at the same time may move; a training job's model
 * reaches it as model.tar.gz, as in SageMaker.
 */
export async function resolveInputs(spec: ScriptSpec, parents: ReadonlyMap<string, ParentOutputs>, store: Store): Promise<Record<string, ResolvedInput>> {
  const resolved: Record<string, ResolvedInput> = {};
  for (const [logical, input] of Object.entries(spec.inputs)) {
    const upstream = parentOutput(input, parents);
    if (upstream !== undefined) {
      const digest = upstream.digest ?? (await store.memo.path(upstream.path));
      if (input.archive === undefined || digest === "absent") resolved[logical] = { path: upstream.path, digest };
      else {
        const dir = await modelArchiveDir(store, upstream.path, digest);
        resolved[logical] = { path: dir, digest: await store.memo.path(dir) };
      }
      continue;
    }
    // An optional input with nothing connected keeps its key but no folder, as in a SageMaker run:
    // scripts that branch on `exists()` take the same branch here. Data put at its default folder counts.
    resolved[logical] = { path: input.path, digest: await store.memo.path(input.path) };
  }
  return resolved;
}

function parentOutput(input: InputEntry, parents: ReadonlyMap<string, ParentOutputs>): ParentOutputs["outputs"][number] | undefined {
  if (input.source !== "upstream" || input.from === undefined) return undefined;
  return parents.get(input.from.node)?.outputs.find((o) => o.logicalName === input.from?.output);
}
