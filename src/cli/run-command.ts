import { Option, type Command } from "commander";
import pc from "picocolors";
import { createFactory } from "../factory/testing-factory.js";
import type { RunEvent } from "../engine/run-events.js";
import { parseAssignment, type DottedOverrides, type OverrideKind } from "../specs/dotted-overrides.js";
import { CursusLabError } from "../errors.js";
import type { EntryRequest } from "../engine/entry-mode.js";
import * as msg from "../messages.js";
import { formatDuration } from "../views/format.js";
import { progressStatus } from "../views/run-progress.js";
import { runSummaryText } from "../views/run-summary-text.js";
import { addPipelineOptions, addWireOption, collect, factoryOptions, type PipelineFlags } from "./common-options.js";
import { EXIT, type CliIo } from "./output.js";

interface RunFlags extends PipelineFlags {
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
}

const positive = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CursusLabError("BAD_OPTION", `--${name} must be a positive number, not "${value}"`, `Pass e.g. --${name} 2.`);
  return n;
};

export function runCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addWireOption(addPipelineOptions(program.command("run")))
    .description("run the script nodes as real processes in DAG order, outputs wired to downstream inputs")
    .addOption(new Option("--input <NODE.LOGICAL=PATH>", "data for an input (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--output <NODE.LOGICAL=PATH>", "folder for an output (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--env <NODE.NAME=VALUE>", "override an env var (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--arg <NODE.FLAG=VALUE>", "override a job argument (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--only <NODE>", "run only this node (repeatable, or comma-separated)").default([]).argParser((v: string, p: string[]) => [...p, ...v.split(",")]))
    .option("--from <NODE>", "run this node and everything downstream")
    .option("--to <NODE>", "run this node and everything upstream")
    .option("--jobs <K>", "nodes run at once (default: number of cores)", positive("jobs"))
    .option("--timeout <SECONDS>", "stop a node running longer than this, with its child processes", positive("timeout"))
    .option("--force", "run every node, ignoring the cache")
    .option("--python <PATH>", "the interpreter that runs scripts (default: /usr/bin/python3)")
    .addOption(new Option("--entry <MODE>", "auto: the production entry (python script.py in a mount namespace) when possible; main: call main(); script: production entry or nothing").choices(["auto", "main", "script"]))
    .option("--log-limit <MB>", "keep at most this much of each node's stdout and stderr log (default: 64)", positive("log-limit"))
    .action(async (flags: RunFlags) => {
      const factory = createFactory({
        ...factoryOptions(flags),
        ...(flags.python === undefined ? {} : { python: flags.python }),
      });
      factory.applyDottedOverrides(dottedFrom(flags));
      for (const w of factory.warnings) io.err(msg.warningLine(w.message));
      const controller = new AbortController();
      const killNow = new AbortController();
      // A second Ctrl-C kills at once instead of waiting for the scripts, but run.json is still written.
      const onSigint = (): void => {
        if (controller.signal.aborted) {
          io.err(msg.killingNow());
          killNow.abort();
          return;
        }
        io.err(msg.stoppingRun());
        controller.abort();
      };
      process.on("SIGINT", onSigint);
      try {
        const record = await factory.executeDagGuidedTesting(
          {
            only: flags.only,
            ...(flags.from === undefined ? {} : { from: flags.from }),
            ...(flags.to === undefined ? {} : { to: flags.to }),
            ...(flags.jobs === undefined ? {} : { jobs: Math.floor(flags.jobs) }),
            ...(flags.timeout === undefined ? {} : { timeoutSeconds: flags.timeout }),
            force: flags.force === true,
            signal: controller.signal,
            killNow: killNow.signal,
            ...(flags.entry === undefined ? {} : { entry: flags.entry }),
            ...(flags.logLimit === undefined ? {} : { logLimitBytes: Math.round(flags.logLimit * 1024 * 1024) }),
          },
          io.interactive ? progressPrinter(io) : undefined,
        );
        io.out(flags.json === true ? JSON.stringify(record, null, 2) : runSummaryText(record, io.width));
        setExit(record.status === "succeeded" ? EXIT.ok : record.status === "interrupted" ? 130 : EXIT.nodesFailed);
      } finally {
        process.off("SIGINT", onSigint);
      }
    });
}

function dottedFrom(flags: RunFlags): DottedOverrides {
  const out: Record<OverrideKind, Record<string, string>> = { inputs: {}, outputs: {}, env: {}, args: {} };
  const pairs: [OverrideKind, string, string[]][] = [["inputs", "input", flags.input], ["outputs", "output", flags.output], ["env", "env", flags.env], ["args", "arg", flags.arg]];
  for (const [kind, flag, values] of pairs) {
    for (const text of values) {
      const pair = parseAssignment(text);
      if (pair === undefined) throw new CursusLabError("BAD_OPTION", `--${flag} "${text}" is not NODE.NAME=VALUE`, `Write it as --${flag} NODE.NAME=VALUE.`);
      out[kind][pair[0]] = pair[1];
    }
  }
  return out;
}

/** One line per node start and finish, on stderr. */
function progressPrinter(io: CliIo): (event: RunEvent) => void {
  return (event) => {
    if (event.type === "run-started") io.err(pc.dim(`running ${event.nodes.length} script nodes, ${event.jobs} at a time`));
    else if (event.type === "node-started") io.err(`${pc.cyan("▶")} ${event.node}`);
    else if (event.type === "node-finished") {
      const r = event.record;
      const label = progressStatus(r);
      const paint = r.status === "failed" ? pc.red : r.status === "succeeded" ? pc.green : pc.yellow;
      const why = r.status === "failed" ? `: ${r.error.message}` : r.status === "skipped" ? ` (${r.skippedBecause} failed)` : r.status === "interrupted" ? `: ${r.message}` : "";
      io.err(`${paint(r.status === "succeeded" ? "✔" : r.status === "failed" ? "✘" : "–")} ${r.name} ${paint(label)} ${pc.dim(formatDuration(r.durationMs))}${why}`);
    }
  };
}
