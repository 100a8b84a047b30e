import pc from "picocolors";
import { CursusLabError, ProblemsError } from "../errors.js";

/** stdout carries data, stderr carries progress and errors; both go through here so tests can capture them. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when stderr is a terminal: progress is shown only then. */
  readonly interactive: boolean;
  readonly width: number;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  interactive: process.stderr.isTTY === true,
  width: process.stdout.columns ?? 120,
};

export const EXIT = { ok: 0, nodesFailed: 1, badInput: 2, internal: 70 } as const;

/** One readable report of an error; the stack only with --debug. Returns the exit code. */
export function reportError(io: CliIo, error: unknown, debug: boolean): number {
  if (error instanceof ProblemsError) {
    io.err(`${pc.red("error:")} ${error.message}`);
    for (const p of error.problems) io.err(`  - ${p.message}\n    fix: ${p.fix}`);
  } else if (error instanceof CursusLabError) {
    io.err(`${pc.red("error:")} ${error.message}`);
    io.err(`  ${pc.bold("what to do:")} ${error.hint}`);
  } else {
    io.err(`${pc.red("internal error:")} ${error instanceof Error ? error.message : String(error)}`);
    if (!debug) io.err("  run again with --debug to see where it happened, and report it");
  }
  if (debug && error instanceof Error && error.stack !== undefined) io.err(error.stack);
  return error instanceof CursusLabError && error.kind === "input" ? EXIT.badInput : EXIT.internal;
}
