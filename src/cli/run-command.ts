import type { Command } from "commander";
import pc from "picocolors";
import { createFactory } from "../factory/testing-factory.js";
import type { RunEvent } from "../engine/run-events.js";
import * as msg from "../messages.js";
import { formatDuration } from "../views/format.js";
import { progressStatus } from "../views/run-progress.js";
import { runSummaryText } from "../views/run-summary-text.js";
import { factoryOptions } from "./common-options.js";
import { addRunOptions, dottedFrom, runOptionsFrom, type RunFlags } from "./run-options.js";
import { EXIT, type CliIo } from "./output.js";

export function runCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addRunOptions(program.command("run"), "required")
    .description("run the script nodes as real processes in DAG order, outputs wired to downstream inputs")
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
          { ...runOptionsFrom(flags), signal: controller.signal, killNow: killNow.signal },
          io.interactive ? progressPrinter(io) : undefined,
        );
        io.out(flags.json === true ? JSON.stringify(record, null, 2) : runSummaryText(record, io.width));
        setExit(record.status === "succeeded" ? EXIT.ok : record.status === "interrupted" ? 130 : EXIT.nodesFailed);
      } finally {
        process.off("SIGINT", onSigint);
      }
    });
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
