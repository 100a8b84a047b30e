import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";

/** Debian's interpreter sees the apt ML packages; the first `python3` on PATH may not. */
export function defaultPython(): string {
  return process.env["CURSUS_LAB_PYTHON"] ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}

/** Python answers in ~15 ms (a pyenv shim ~65 ms); an interpreter silent this long is hung, not slow. */
const ANSWER_WITHIN_MS = 2_000;
const DRAIN_MS = 300;

/** Starts the interpreter once before any node, so a wrong `--python` is bad input, not seven failed nodes. */
export async function checkPython(python: string): Promise<{ path: string; version: string }> {
  const answer = await askVersion(python);
  const version = answer.stdout.trim();
  if (answer.hung || answer.failure !== undefined || !/^3\.\d+\.\d+$/.test(version)) {
    const why = answer.hung ? msg.interpreterHangs(ANSWER_WITHIN_MS / 1000) : (answer.failure ?? `it printed ${JSON.stringify(version)}`);
    throw new CursusLabError("BAD_INTERPRETER", msg.badInterpreter(python, why), msg.badInterpreterHint(), { at: python });
  }
  return { path: python, version };
}

interface Answer {
  readonly stdout: string;
  readonly hung: boolean;
  /** Why it did not answer: a spawn error code or its exit. */
  readonly failure: string | undefined;
}

/**
 * In a process group of its own, killed whole on a hang: a wrapper script's children holding the pipe
 * would otherwise keep the answer waiting (a `sleep` for minutes).
 */
function askVersion(python: string): Promise<Answer> {
  return new Promise((resolvePromise) => {
    const child = spawn(python, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], { detached: true, stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    let hung = false;
    let settled = false;
    const settle = (failure: string | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout.destroy();
      resolvePromise({ stdout, hung, failure });
    };
    const timer = setTimeout(() => {
      hung = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, ANSWER_WITHIN_MS);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => void (stdout += chunk));
    child.once("error", (error: NodeJS.ErrnoException) => settle(error.code ?? "it did not start"));
    // The answer may still be in the pipe when the process exits; a grandchild holding it open is not waited for.
    child.once("exit", (code, signal) => {
      const failure = code === 0 ? undefined : code === null ? `signal ${String(signal)}` : `exit code ${code}`;
      if (child.stdout.readableEnded) return settle(failure);
      child.stdout.once("end", () => settle(failure));
      setTimeout(() => settle(failure), DRAIN_MS);
    });
  });
}
