import type { Command } from "commander";
import { createFactory } from "../factory/testing-factory.js";
import { discoveryText } from "../views/discovery-text.js";
import { addPipelineOptions, factoryOptions, type PipelineFlags } from "./common-options.js";
import { EXIT, type CliIo } from "./output.js";

export function discoverCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addPipelineOptions(program.command("discover"))
    .description("classify every DAG node as script, phantom or error, with the reason")
    .action((flags: PipelineFlags) => {
      const factory = createFactory(factoryOptions(flags));
      const { discovery, catalog } = factory;
      const overrides = catalog.overrides.map((o) => ({ stepType: o.stepType, file: o.file, overrides: o.overrides }));
      if (flags.json === true) {
        io.out(JSON.stringify({ dag: factory.dag.source, config: factory.config.source, nodes: discovery.nodes, summary: discovery.summary, interfaceOverrides: overrides }, null, 2));
      } else {
        io.out(discoveryText(discovery, io.width));
        for (const o of overrides) io.out(`interface override: ${o.stepType} from ${o.file} (replaces ${o.overrides})`);
      }
      setExit(discovery.summary.errors > 0 ? EXIT.nodesFailed : EXIT.ok);
    });
}
