import { execa } from "execa";
import { existsSync } from "node:fs";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";

/** Debian's interpreter sees the apt ML packages; the first `python3` on PATH may not. */
export function defaultPython(): string {
  return process.env["CURSUS_LAB_PYTHON"] ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}

/** Python answers in ~15 ms (a pyenv shim ~65 ms); an interpreter silent this long is hung, not slow. */
const ANSWER_WITHIN_MS = 2_000;

/** Starts the interpreter once before any node, so a wrong `--python` is bad input, not seven failed nodes. */
export async function checkPython(python: string): Promise<{ path: string; version: string }> {
  // Its own process group, killed whole on a hang: execa's timeout kills only the direct child, and a
  // wrapper script's children holding the pipe would keep the promise waiting (a `sleep` for minutes).
  const child = execa(python, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], { reject: false, detached: true, stdin: "ignore" });
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }, ANSWER_WITHIN_MS);
  const result = await child.finally(() => clearTimeout(timer));
  const version = typeof result.stdout === "string" ? result.stdout.trim() : "";
  if (hung || result.failed || result.exitCode !== 0 || !/^3\.\d+\.\d+$/.test(version)) {
    const why = hung ? msg.interpreterHangs(ANSWER_WITHIN_MS / 1000) : (result.code ?? (result.exitCode === undefined ? "it did not start" : `exit code ${result.exitCode}`));
    throw new CursusLabError("BAD_INTERPRETER", msg.badInterpreter(python, String(why)), msg.badInterpreterHint(), { at: python });
  }
  return { path: python, version };
}
