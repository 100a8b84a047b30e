import type { Command } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../package-root.js";
import { EXIT, processIo, reportError, type CliIo } from "./output.js";

type CommandDefinition = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/**
 * Each command's module is imported only when that command runs: the run path, the report's views and
 * the workbook's server together take several times node's own start-up to load.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandDefinition>>> = {
  discover: async () => (await import("./discover-command.js")).discoverCommand,
  requirements: async () => (await import("./requirements-command.js")).requirementsCommand,
  run: async () => (await import("./run-command.js")).runCommand,
  report: async () => (await import("./report-command.js")).reportCommand,
  plan: async () => (await import("./plan-command.js")).planCommand,
  kernel: async () => (await import("./kernel-command.js")).kernelCommand,
  workbook: async () => (await import("./workbook-command.js")).workbookCommand,
};

/** The commands to define for these arguments: the one named, else all (help lists them). */
function commandsFor(argv: readonly string[]): string[] {
  const named = argv.find((a) => !a.startsWith("-"));
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) return [named];
  return Object.keys(COMMANDS);
}

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
}

/** Runs the CLI and resolves to its exit code; never calls process.exit itself. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  // Asked before every other start-up cost, to be as quick as node itself.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    io.out(version());
    return EXIT.ok;
  }
  const { Command, CommanderError } = await import("commander");
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

  try {
    for (const name of commandsFor(argv)) (await COMMANDS[name]!())(program, io, setExit);
    for (const command of program.commands) command.option("--debug", "show stack traces").exitOverride();
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
