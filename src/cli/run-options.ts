import { Option, type Command } from "commander";
import { resolve } from "node:path";
import { canonicalJson } from "../engine/content-digest.js";
import type { EntryRequest } from "../engine/entry-mode.js";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import { DEFAULT_WORKSPACE } from "../model/model-options.js";
import type { RunOptions } from "../schedule/execute-run.js";
import type { SettledRequest } from "../schedule/settled-run.js";
import { parseAssignment, type DottedOverrides, type OverrideKind } from "../specs/dotted-overrides.js";
import { addPipelineOptions, addWireOption, collect, type PipelineFlags } from "./common-options.js";

/** The flags of `run`, which `plan` shares so a plan answers for exactly the run it describes. */
export interface RunFlags extends PipelineFlags {
  readonly input: string[];
  readonly output: string[];
  readonly env: string[];
  readonly arg: string[];
  readonly only: string[];
  readonly from?: string;
  readonly to?: string;
  readonly jobs?: number;
  readonly timeout?: number;
  readonly force?: boolean;
  readonly python?: string;
  readonly logLimit?: number;
  readonly entry?: EntryRequest;
  readonly warm?: boolean;
}

/** setTimeout's limit in seconds: a longer --timeout would fire at once instead of never. */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** Commander parser for a positive number option, at most `max`. */
export const positive = (name: string, max = Number.POSITIVE_INFINITY) => (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CursusLabError("BAD_OPTION", msg.notPositive(name, value), msg.notPositiveHint(name));
  if (n > max) throw new CursusLabError("BAD_OPTION", msg.timeoutTooLong(value, max), msg.timeoutTooLongHint(), { at: `--${name}` });
  return n;
};

export function addRunOptions(command: Command, config: "required" | "optional"): Command {
  return addWireOption(addPipelineOptions(command, config))
    .addOption(new Option("--input <NODE.LOGICAL=PATH>", "data for an input (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--output <NODE.LOGICAL=PATH>", "folder for an output (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--env <NODE.NAME=VALUE>", "override an env var (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--arg <NODE.FLAG=VALUE>", "override a job argument (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--only <NODE>", "run only this node (repeatable, or comma-separated)").default([]).argParser((v: string, p: string[]) => [...p, ...v.split(",")]))
    .option("--from <NODE>", "run this node and everything downstream")
    .option("--to <NODE>", "run this node and everything upstream")
    .option("--jobs <K>", "nodes run at once (default: number of cores)", positive("jobs"))
    .option("--timeout <SECONDS>", `stop a node running longer than this, with its child processes (at most ${MAX_TIMEOUT_SECONDS})`, positive("timeout", MAX_TIMEOUT_SECONDS))
    .option("--force", "run every node, ignoring the cache")
    .option("--python <PATH>", "the interpreter that runs scripts (default: /usr/bin/python3)")
    .addOption(new Option("--entry <MODE>", "auto: the production entry (python script.py in a mount namespace) when possible; main: call main(); script: production entry or nothing").choices(["auto", "main", "script"]))
    .option("--warm", "fork each node from an interpreter that preloaded the scripts' modules (either entry); outputs are the same")
    .option("--log-limit <MB>", "keep at most this much of each node's stdout and stderr log (default: 64)", positive("log-limit"));
}

/** The run options the flags ask for, signals aside. */
export function runOptionsFrom(flags: RunFlags): RunOptions {
  return {
    only: flags.only,
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
    ...(flags.jobs === undefined ? {} : { jobs: Math.floor(flags.jobs) }),
    ...(flags.timeout === undefined ? {} : { timeoutSeconds: flags.timeout }),
    force: flags.force === true,
    ...(flags.entry === undefined ? {} : { entry: flags.entry }),
    ...(flags.warm === undefined ? {} : { warm: flags.warm }),
    ...(flags.logLimit === undefined ? {} : { logLimitBytes: Math.round(flags.logLimit * 1024 * 1024) }),
  };
}

export function dottedFrom(flags: RunFlags): DottedOverrides {
  const out: Record<OverrideKind, Record<string, string>> = { inputs: {}, outputs: {}, env: {}, args: {} };
  const pairs: [OverrideKind, string, string[]][] = [["inputs", "input", flags.input], ["outputs", "output", flags.output], ["env", "env", flags.env], ["args", "arg", flags.arg]];
  for (const [kind, flag, values] of pairs) {
    for (const text of values) {
      const pair = parseAssignment(text);
      if (pair === undefined) throw new CursusLabError("BAD_OPTION", msg.notAnAssignment(flag, text), msg.notAnAssignmentHint(flag));
      out[kind][pair[0]] = pair[1];
    }
  }
  return out;
}

/** Variables a shell sets by itself, which say nothing about the run. */
const SHELL_ONLY = new Set(["_", "OLDPWD", "PWD", "SHLVL"]);

/**
 * What a run is asked with, as one canonical text, for a remembered run to answer it
 * (schedule/settled-run.ts): the flags (how the result is printed aside), the current folder, against
 * which every relative path is taken, and the environment, which the scripts, the interpreter's search
 * and `PYTHONPATH` stand on.
 */
export function settledRequest(flags: RunFlags): SettledRequest {
  const asked = Object.fromEntries(Object.entries(flags).filter(([name]) => name !== "json"));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SHELL_ONLY.has(name)));
  return { workspace: resolve(flags.workspace ?? DEFAULT_WORKSPACE), key: canonicalJson({ flags: asked, cwd: process.cwd(), env }) };
}
