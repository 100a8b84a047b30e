import type { ConfigMatchKind } from "./resolve-config.js";
import type { EntryPointField } from "./find-script.js";

export type PhantomReason = "no-entry-point" | "runs-no-local-script" | "base-config" | "step-type-runs-no-script";
export type DiscoveryErrorReason = "no-config" | "ambiguous-config" | "script-not-found" | "bad-entry-point" | "unknown-step-type";

/** What every node carries, whatever its status. */
export interface NodeBase {
  readonly name: string;
  readonly stepType: string;
  readonly configKey?: string;
  readonly configMatch?: ConfigMatchKind;
  readonly configClass?: string;
  readonly jobType?: string;
  readonly sagemakerStepType?: string;
  readonly interfaceFile?: string;
  readonly interfaceOrigin?: "builtin" | "user";
}

export interface ScriptNode extends NodeBase {
  readonly status: "script";
  readonly entryPoint: string;
  readonly entryPointField: EntryPointField;
  readonly scriptPath: string;
  readonly pathsTried: readonly string[];
  /** Things that do not stop a run but deserve a look (no step interface, a loose config match). */
  readonly warnings: readonly string[];
}

export interface PhantomNode extends NodeBase {
  readonly status: "phantom";
  readonly reasonCode: PhantomReason;
  readonly reason: string;
  readonly entryPoint?: string;
}

export interface ErrorNode extends NodeBase {
  readonly status: "error";
  readonly reasonCode: DiscoveryErrorReason;
  readonly reason: string;
  readonly hint: string;
  readonly entryPoint?: string;
  readonly pathsTried?: readonly string[];
  readonly suggestions?: readonly string[];
}

/** DAG-only mode: the step type runs a script, but without a config its entry point cannot be checked. */
export interface UnverifiedNode extends NodeBase {
  readonly status: "unverified";
  readonly reasonCode: "no-config-given";
  readonly reason: string;
}

export type NodeDiscovery = ScriptNode | PhantomNode | ErrorNode | UnverifiedNode;

export interface DiscoverySummary {
  readonly dagNodes: number;
  readonly scriptNodes: number;
  readonly phantoms: number;
  readonly errors: number;
  /** DAG-only mode: script-running step types whose entry point cannot be checked without a config. */
  readonly unverified: number;
}

export interface Discovery {
  readonly nodes: readonly NodeDiscovery[];
  /** Things about the whole discovery a user should read (DAG-only mode). */
  readonly warnings: readonly string[];
  readonly summary: DiscoverySummary;
}
