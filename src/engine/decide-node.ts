import * as msg from "../messages.js";
import type { ScriptSpec } from "../specs/script-spec.js";
import { chooseEntry, type EntryMode, type EntryRequest } from "./entry-mode.js";
import { describeChanges, fingerprintKey, type FingerprintParts } from "./fingerprint.js";
import { resolveInputs, type ParentOutputs, type ResolvedInput } from "./resolve-inputs.js";
import { scriptModulesDigest } from "./script-modules.js";
import type { LatestResult, Lookup, Store } from "./store.js";

export interface DecisionContext {
  readonly store: Store;
  readonly python: { readonly path: string; readonly version: string };
  readonly harness: { readonly path: string; readonly digest: string };
  readonly entry: EntryRequest;
  readonly force: boolean;
}

/** Whether a node's stored result can be reused, from its fingerprint alone: no process is started. */
export interface Decision {
  readonly inputs: Readonly<Record<string, ResolvedInput>>;
  readonly parts: FingerprintParts;
  readonly fingerprint: string;
  readonly entry: EntryMode;
  readonly entryReason: string;
  readonly latest: LatestResult | undefined;
  readonly found: Lookup;
  /** `unchanged since run X` for a reuse; what changed (`env LABEL_FIELD changed`) for a run. */
  readonly reason: string;
}

export async function decideNode(spec: ScriptSpec, parents: ReadonlyMap<string, ParentOutputs>, ctx: DecisionContext): Promise<Decision> {
  const { store } = ctx;
  const inputs = await resolveInputs(spec, parents, store);
  const containerPaths = [...Object.values(spec.inputs), ...Object.values(spec.outputs)].map((p) => p.containerPath);
  const choice = chooseEntry(ctx.entry, containerPaths);
  // A run refuses an impossible --entry script before any node starts.
  const entry: EntryMode = choice.ok ? choice.mode : "main";
  const parts: FingerprintParts = {
    script: await store.memo.file(spec.scriptPath),
    modules: await scriptModulesDigest(spec.scriptPath, store.memo),
    harness: ctx.harness.digest,
    python: pythonIdentity(ctx.python, spec),
    entry,
    env: envValues(spec),
    args: spec.args.map((a) => (a.off === true ? `${a.flag}=off` : a.alone === true ? a.flag : `${a.flag}=${a.value}`)),
    inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.digest])),
    outputs: Object.keys(spec.outputs).sort(),
  };
  const fingerprint = fingerprintKey(parts);
  const latest = store.latest(spec.node);
  const found: Lookup = ctx.force ? { kind: "absent" } : await store.lookup(fingerprint);
  const reason =
    found.kind === "valid"
      ? latest?.fingerprint === fingerprint
        ? msg.unchangedSince(found.entry.runId)
        : msg.reusedFrom(found.entry.runId)
      : ctx.force
        ? msg.forcedRun()
        : found.kind === "changed"
          ? found.changes.join("; ")
          : latest === undefined
            ? msg.noEarlierRun()
            : describeChanges(latest.parts, parts).join("; ") || msg.storedResultGone(latest.runId);
  return { inputs, parts, fingerprint, entry, entryReason: choice.why, latest, found, reason };
}

/** The interpreter as the script sees it: a changed `PYTHONPATH` can change what it imports. */
function pythonIdentity(python: DecisionContext["python"], spec: ScriptSpec): string {
  return `${python.path} (${python.version}) PYTHONPATH=${scriptPythonPath(spec)}`;
}

/** The env values a script gets from its spec. */
export const envValues = (spec: ScriptSpec): Record<string, string> => Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, v.value]));

/** The `PYTHONPATH` the script runs with: its own env value, else the one cursus-lab was started with. */
export const scriptPythonPath = (spec: ScriptSpec): string => spec.env["PYTHONPATH"]?.value ?? process.env["PYTHONPATH"] ?? "";
