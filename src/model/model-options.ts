import type { ConfigInput } from "../config/load-config.js";
import type { DagInput } from "../dag/parse-dag.js";
import type { Caller } from "../messages.js";
import type { WireRequest } from "./explicit-wires.js";

/** Where runs go when no workspace is named, from the current folder. */
export const DEFAULT_WORKSPACE = ".cursus-lab";

/** What a pipeline model is built from: the two cursus files (paths or parsed JSON) and this machine's choices. */
export interface ModelOptions {
  /** A `*.dag.json` path or its parsed JSON. */
  readonly dag: DagInput;
  /** A cursus pipeline config path or its parsed JSON; leave it out for DAG-only discovery, requirements and plan. */
  readonly config?: ConfigInput;
  /** Extra folders to look for scripts in, after the config's source dirs. */
  readonly scriptsDirs?: readonly string[];
  /** Folders of `*.step.yaml` interfaces; they override built-in step types of the same name. */
  readonly interfacesDirs?: readonly string[];
  /** Where default input/output folders and runs go. Default: `.cursus-lab` in the current folder. */
  readonly workspace?: string;
  /** Relative source dirs in the config are taken from here. Default: the config file's folder. */
  readonly projectRoot?: string;
  /** A `cursus-lab.json` to apply; default: the one beside the DAG file, if any; `false`: none. */
  readonly settings?: string | false;
  /** The interpreter that runs scripts; default: Debian's /usr/bin/python3 when present. */
  readonly python?: string;
  /**
   * Let the settings file name output folders outside its own folder. Off by default: the file is
   * applied automatically, so a cloned repository must not direct results into the user's folders.
   */
  readonly allowSettingsOutputs?: boolean;
  /**
   * Inputs whose source you choose: `{node, input, from: {node, output}}`, or `"NODE.INPUT=UPSTREAM.OUTPUT"`.
   * The source may be any upstream script node; these win over `cursus-lab.json` wires for the same input.
   */
  readonly wires?: readonly WireRequest[];
  /** Whose names hints use: `"api"` (default) names options such as `scriptsDirs`, `"cli"` names flags. */
  readonly caller?: Caller;
}

/** Something that does not stop a run but may mean the DAG and the interfaces disagree. */
export interface WiringWarning {
  readonly code: "UNUSED_EDGE";
  readonly from: string;
  readonly to: string;
  readonly message: string;
}
