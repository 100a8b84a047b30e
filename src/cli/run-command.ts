import type { Command } from "commander";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import pc from "picocolors";
import type { TestingFactory } from "../factory/testing-factory.js";
import type { RunEvent } from "../engine/run-events.js";
import { ConsultLog, withConsults } from "../io/consults.js";
import type { RunRecord } from "../results/run-record.js";
import { findSettledRun, rememberSettledRun } from "../schedule/settled-run.js";
import * as msg from "../messages.js";
import { formatDuration } from "../views/format.js";
import { progressStatus } from "../views/run-progress.js";
import { runSummaryText } from "../views/run-summary-text.js";
import { factoryOptions } from "./common-options.js";
import { addRunOptions, dottedFrom, runOptionsFrom, settledRequest, type RunFlags } from "./run-options.js";
import { EXIT, type CliIo } from "./output.js";

export function runCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addRunOptions(program.command("run"), "required")
    .description("run the script nodes as real processes in DAG order, outputs wired to downstream inputs")
    .action(async (flags: RunFlags) => {
      const finish = (record: RunRecord): void => {
        io.out(flags.json === true ? JSON.stringify(record, null, 2) : runSummaryText(record, io.width));
        setExit(record.status === "succeeded" ? EXIT.ok : record.status === "interrupted" ? 130 : EXIT.nodesFailed);
      };
      const request = flags.force === true ? undefined : settledRequest(flags);
      const settled = request === undefined ? undefined : findSettledRun(request);
      if (settled !== undefined) {
        for (const w of settled.warnings) io.err(msg.warningLine(w));
        return finish(settled.replay(io.interactive ? progressPrinter(io) : undefined));
      }
      // The run path is loaded only when the run is not answered from a remembered one.
      const { createFactory } = await import("../factory/testing-factory.js");
      const log = new ConsultLog();
      // A rebuilt cursus-lab makes its folder anew: its decisions may differ from the remembered ones.
      log.note(dirname(fileURLToPath(import.meta.url)));
      const { record, warnings } = await withConsults(log, async () => {
        const factory = createFactory({
          ...factoryOptions(flags),
          ...(flags.python === undefined ? {} : { python: flags.python }),
        });
        factory.applyDottedOverrides(dottedFrom(flags));
        for (const w of factory.warnings) io.err(msg.warningLine(w.message));
        return { record: await runWithSignals(factory, flags, io), warnings: factory.warnings.map((w) => w.message) };
      });
      const unremembered = request === undefined ? undefined : rememberSettledRun(request, log, record, warnings);
      // --debug is the program's option wherever it is written.
      if (unremembered !== undefined && program.opts()["debug"] === true) io.err(msg.runNotRemembered(unremembered));
      finish(record);
    });
}

async function runWithSignals(factory: TestingFactory, flags: RunFlags, io: CliIo): Promise<RunRecord> {
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
    return await factory.executeDagGuidedTesting(
      { ...runOptionsFrom(flags), signal: controller.signal, killNow: killNow.signal },
      io.interactive ? progressPrinter(io) : undefined,
    );
  } finally {
    process.off("SIGINT", onSigint);
  }
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
