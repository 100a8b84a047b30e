import { spawn } from "node:child_process";
import { Option, type Command } from "commander";
import type { EntryRequest } from "../engine/entry-mode.js";
import { CursusLabError } from "../errors.js";
import { createFactory } from "../factory/testing-factory.js";
import { writeReport } from "../report/write-report.js";
import { formatBytes } from "../views/format.js";
import * as msg from "../messages.js";
import { watchScripts, type ScriptWatch } from "../workbook/script-watch.js";
import { readWorkbookFile, type WorkbookFile } from "../workbook/workbook-file.js";
import { startWorkbookServer } from "../workbook/workbook-server.js";
import { WorkbookSession } from "../workbook/workbook-session.js";
import { addSourceOptions, factoryOptions, type SourceFlags } from "./common-options.js";
import { MAX_TIMEOUT_SECONDS, positive } from "./run-options.js";
import { EXIT, type CliIo } from "./output.js";

interface WorkbookFlags extends SourceFlags {
  readonly dag?: string;
  readonly config?: string;
  readonly port?: number;
  readonly open: boolean;
  readonly watch: boolean;
  readonly jobs?: number;
  readonly timeout?: number;
  readonly python?: string;
  readonly entry?: EntryRequest;
  readonly warm?: boolean;
  readonly export?: string;
}

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CursusLabError("BAD_OPTION", msg.workbookBadPort(value), msg.workbookBadPortHint());
  return n;
};

export function workbookCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command("workbook")
    .description("serve a live page of the pipeline: edit a value or save a script, and exactly the affected nodes rerun")
    .argument("[file]", "a *.workbook.yaml holding the DAG and config paths and user cells")
    .option("--dag <file>", "the pipeline DAG (*.dag.json); overrides the workbook file's")
    .option("--config <file>", "the cursus pipeline config JSON; overrides the workbook file's");
  addSourceOptions(command)
    .option("--port <P>", "port on 127.0.0.1 (default: a free one)", port)
    .option("--no-open", "do not open a browser")
    .option("--no-watch", "do not rerun a node when its script file is saved")
    .option("--jobs <K>", "nodes run at once (default: number of cores)", positive("jobs"))
    .option("--timeout <SECONDS>", `stop a node running longer than this, with its child processes (at most ${MAX_TIMEOUT_SECONDS})`, positive("timeout", MAX_TIMEOUT_SECONDS))
    .option("--python <PATH>", "the interpreter that runs scripts (default: /usr/bin/python3)")
    .addOption(new Option("--entry <MODE>", "auto, main or script, as for run").choices(["auto", "main", "script"]))
    .option("--warm", "fork each node from one interpreter that preloaded the scripts' modules, for the whole session (either entry)")
    .option("--export <file>", "serve nothing: compute every node (cached ones reused), write the one-file HTML report of that state, and exit")
    .action(async (file: string | undefined, flags: WorkbookFlags) => {
      const book: WorkbookFile | undefined = file === undefined ? undefined : readWorkbookFile(file);
      const dag = flags.dag ?? book?.dag;
      const config = flags.config ?? book?.config;
      if (dag === undefined || config === undefined) throw new CursusLabError("BAD_OPTION", msg.workbookNeedsPipeline(), msg.workbookNeedsPipelineHint());
      const workspace = flags.workspace ?? book?.workspace;
      const factory = createFactory({
        ...factoryOptions({ ...flags, dag, config, ...(workspace === undefined ? {} : { workspace }) }),
        ...(flags.python === undefined ? {} : { python: flags.python }),
      });
      for (const w of factory.warnings) io.err(msg.warningLine(w.message));
      const session = await WorkbookSession.start(factory, {
        ...(book?.title === undefined ? {} : { title: book.title }),
        ...(book === undefined ? {} : { userCells: book.cells }),
        ...(flags.jobs === undefined ? {} : { jobs: Math.floor(flags.jobs) }),
        ...(flags.timeout === undefined ? {} : { timeoutSeconds: flags.timeout }),
        ...(flags.entry === undefined ? {} : { entry: flags.entry }),
        ...(flags.warm === undefined ? {} : { warm: flags.warm }),
      });
      if (flags.export !== undefined) {
        try {
          const started = Date.now();
          await session.settled();
          const record = session.record();
          const written = await writeReport(record, flags.export);
          io.out(msg.workbookExported(written.file, formatBytes(written.bytes), Date.now() - started, record.status));
          setExit(record.status === "succeeded" ? EXIT.ok : EXIT.nodesFailed);
        } finally {
          await session.dispose();
        }
        return;
      }
      let watcher: ScriptWatch | undefined;
      let server: Awaited<ReturnType<typeof startWorkbookServer>> | undefined;
      try {
        server = await startWorkbookServer(session, flags.port === undefined ? {} : { port: flags.port });
        // Jupyter's convention, which tools and tests read: the page's address is the first line of stdout.
        io.out(server.url);
        if (flags.watch) {
          watcher = watchScripts(session, (nodes, path) => io.err(msg.workbookScriptSaved(path, nodes)));
          await watcher.ready;
        }
        io.err(msg.workbookServing(session.nodes.length, flags.watch));
        if (flags.open) openBrowser(server.url);
        await untilStopped();
        io.err(msg.workbookStopping());
      } finally {
        // Closed on every way out, or a failed watch would leave the server listening and the CLI running.
        await server?.close();
        await watcher?.close();
        await session.dispose();
      }
    });
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** Best effort, as Jupyter does: without a desktop the printed address is the way in. */
function openBrowser(url: string): void {
  const opener = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    const child = spawn(opener, [url], { detached: true, stdio: "ignore" });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No opener on this machine: the address on stdout is enough.
  }
}
