import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../package-root.js";
import { discoverCommand } from "./discover-command.js";
import { EXIT, processIo, reportError, type CliIo } from "./output.js";
import { reportCommand } from "./report-command.js";
import { planCommand } from "./plan-command.js";
import { kernelCommand } from "./kernel-command.js";
import { requirementsCommand } from "./requirements-command.js";
import { runCommand } from "./run-command.js";
import { workbookCommand } from "./workbook-command.js";

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
}

/** Runs the CLI and resolves to its exit code; never calls process.exit itself. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const debug = argv.includes("--debug");
  const program = new Command("cursus-lab")
    .description("Test the scripts of a cursus pipeline on this machine: discover, pre-fill, run.")
    .version(version())
    .option("--debug", "show stack traces")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError("(run with --help for usage)");
  program.enablePositionalOptions(false);
  const setExit = (code: number): void => void (exitCode = code);
  discoverCommand(program, io, setExit);
  requirementsCommand(program, io);
  runCommand(program, io, setExit);
  reportCommand(program, io);
  planCommand(program, io, setExit);
  kernelCommand(program, io, setExit);
  workbookCommand(program, io, setExit);
  for (const command of program.commands) command.option("--debug", "show stack traces").exitOverride();

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code);
      return ok ? EXIT.ok : EXIT.badInput;
    }
    return reportError(io, error, debug);
  }
}
