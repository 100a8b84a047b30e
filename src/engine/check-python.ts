import { execa } from "execa";
import { existsSync } from "node:fs";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";

/** Debian's interpreter sees the apt ML packages; the first `python3` on PATH may not. */
export function defaultPython(): string {
  return process.env["CURSUS_LAB_PYTHON"] ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}

/** Starts the interpreter once before any node, so a wrong `--python` is bad input, not seven failed nodes. */
export async function checkPython(python: string): Promise<{ path: string; version: string }> {
  const result = await execa(python, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], { reject: false, timeout: 30_000 });
  const version = typeof result.stdout === "string" ? result.stdout.trim() : "";
  if (result.failed || result.exitCode !== 0 || !/^3\.\d+\.\d+$/.test(version)) {
    const why = result.code ?? (result.exitCode === undefined ? "it did not start" : `exit code ${result.exitCode}`);
    throw new CursusLabError("BAD_INTERPRETER", msg.badInterpreter(python, String(why)), msg.badInterpreterHint(), { at: python });
  }
  return { path: python, version };
}
