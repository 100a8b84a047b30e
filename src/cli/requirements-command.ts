import type { Command } from "commander";
import { createFactory } from "../factory/testing-factory.js";
import { requirementsText } from "../views/requirements-text.js";
import { addPipelineOptions, factoryOptions, type PipelineFlags } from "./common-options.js";
import type { CliIo } from "./output.js";

export function requirementsCommand(program: Command, io: CliIo): void {
  addPipelineOptions(program.command("requirements"))
    .description("show a script node's inputs, outputs, env vars and job arguments, each with its source")
    .argument("<node>", "a script node of the DAG")
    .action((node: string, flags: PipelineFlags) => {
      const factory = createFactory(factoryOptions(flags));
      const req = factory.getScriptTestingRequirements(node);
      const wires = factory.wires.filter((w) => w.node === node);
      const { spec } = factory.getScriptSpec(node);
      if (flags.json === true) io.out(JSON.stringify({ ...req, wires, spec }, null, 2));
      else io.out(requirementsText(req, spec, wires, io.width));
    });
}
