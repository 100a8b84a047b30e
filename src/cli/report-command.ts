import type { Command } from "commander";
import { basename, dirname, join } from "node:path";
import * as msg from "../messages.js";
import { readRunRecord } from "../results/write-run-record.js";
import { locateRun } from "../report/locate-run.js";
import { writeReport } from "../report/write-report.js";
import { formatBytes } from "../views/format.js";
import type { CliIo } from "./output.js";

interface ReportFlags {
  readonly output?: string;
  readonly workspace?: string;
  readonly compare?: string;
  readonly redactPaths?: boolean;
  readonly projectRoot?: string;
  readonly json?: boolean;
}

export function reportCommand(program: Command, io: CliIo): void {
  program
    .command("report")
    .description("write one self-contained HTML file from a run record: DAG, phantoms, every node's values, inputs, outputs and failures, charts, changes")
    .argument("[run]", "a run folder (WORKSPACE/runs/RUN_ID) or its run.json (default: the latest run of --workspace)")
    .option("-o, --output <file>", "where to write the report (default: report.html in the run folder)")
    .option("--workspace <dir>", "report the latest run of this workspace (default: ./.cursus-lab)")
    .option("--compare <run>", "compare with this run (folder or run.json) instead of the workspace's previous run")
    .option("--redact-paths", "hide machine-specific paths (workspace, home and temp folders)")
    .option("--project-root <dir>", "show paths relative to this folder (default: the current folder)")
    .option("--json", "print {file, bytes, ms} as JSON")
    .action(async (run: string | undefined, flags: ReportFlags) => {
      const started = performance.now();
      const file = locateRun(run, flags.workspace);
      const record = readRunRecord(file);
      const compare = flags.compare === undefined ? undefined : readRunRecord(locateRun(flags.compare, undefined));
      const target = flags.output ?? join(dirname(file), basename(file) === "run.json" ? "report.html" : `${basename(file, ".json")}.html`);
      const written = await writeReport(record, target, {
        ...(compare === undefined ? {} : { compare }),
        ...(flags.redactPaths === true ? { redactPaths: true } : {}),
        ...(flags.projectRoot === undefined ? {} : { projectRoot: flags.projectRoot }),
      });
      const ms = Math.round(performance.now() - started);
      io.out(flags.json === true ? JSON.stringify({ ...written, ms }) : msg.reportWritten(written.file, formatBytes(written.bytes), ms));
    });
}
