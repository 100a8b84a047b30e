import type { Command } from "commander";
import { createFactory } from "../factory/testing-factory.js";
import * as msg from "../messages.js";
import { requirementsText } from "../views/requirements-text.js";
import { addPipelineOptions, addWireOption, factoryOptions, type PipelineFlags } from "./common-options.js";
import type { CliIo } from "./output.js";

export function requirementsCommand(program: Command, io: CliIo): void {
  addWireOption(addPipelineOptions(program.command("requirements"), "optional"))
    .description("show a script node's inputs, outputs, env vars and job arguments, each with its source")
    .argument("<node>", "a script node of the DAG")
    .action((node: string, flags: PipelineFlags) => {
      const factory = createFactory(factoryOptions(flags));
      const req = factory.getScriptTestingRequirements(node);
      const mine = <T extends { node: string }>(items: readonly T[]): T[] => items.filter((w) => w.node === node);
      const wiring = factory.model.wiringOf(node);
      const wires = factory.model.wiresOf(node);
      const ties = mine(wiring.ties);
      // Every candidate looked at, best first, so a surprising choice can be checked against the others.
      const alternatives = Object.fromEntries(mine(wiring.considered).map((c) => [c.input, c.candidates]));
      // A node whose script is not here still has its answers, with the reason they cannot run beside them.
      const warnings = [...(req.warnings ?? []), ...factory.warnings.filter((w) => w.to === node)];
      for (const w of warnings) io.err(msg.warningLine(w.message));
      const { spec } = factory.getScriptSpec(node);
      if (flags.json === true) io.out(JSON.stringify({ ...req, wires, alternatives, ties, warnings, spec }, null, 2));
      else io.out(requirementsText(req, spec, wiring, io.width));
    });
}
