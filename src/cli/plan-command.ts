import type { Command } from "commander";
import { createFactory } from "../factory/testing-factory.js";
import * as msg from "../messages.js";
import { planText } from "../views/plan-text.js";
import { factoryOptions } from "./common-options.js";
import { EXIT, type CliIo } from "./output.js";
import { addRunOptions, dottedFrom, runOptionsFrom, type RunFlags } from "./run-options.js";

/** `run`'s flags, no process started: what would run, be reused or be blocked, and why. */
export function planCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addRunOptions(program.command("plan"), "optional")
    .description("say what a run would do, starting no script: per node run | reuse | blocked and why, with env, args, paths and wires")
    .action(async (flags: RunFlags) => {
      const factory = createFactory({ ...factoryOptions(flags), ...(flags.python === undefined ? {} : { python: flags.python }) });
      factory.applyDottedOverrides(dottedFrom(flags));
      const plan = await factory.plan(runOptionsFrom(flags));
      for (const w of plan.warnings) io.err(msg.warningLine(w));
      io.out(flags.json === true ? JSON.stringify(plan, null, 2) : planText(plan, io.width));
      setExit(plan.canRun ? EXIT.ok : EXIT.badInput);
    });
}
