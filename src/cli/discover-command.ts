import type { Command } from "commander";
import { createFactory } from "../factory/testing-factory.js";
import { discoveryText } from "../views/discovery-text.js";
import { addPipelineOptions, factoryOptions, type PipelineFlags } from "./common-options.js";
import { EXIT, type CliIo } from "./output.js";
import * as msg from "../messages.js";

const JSON_NODE_FIELDS = { name: null, stepType: null, status: null, reason: null, entryPoint: null, scriptPath: null, configKey: null };

export function discoverCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addPipelineOptions(program.command("discover"), "optional")
    .description("classify every DAG node as script, phantom or error, with the reason")
    .action((flags: PipelineFlags) => {
      const factory = createFactory(factoryOptions(flags));
      const { discovery, catalog } = factory;
      for (const w of discovery.warnings) io.err(msg.warningLine(w));
      const overrides = catalog.overrides.map((o) => ({ stepType: o.stepType, file: o.file, overrides: o.overrides }));
      if (flags.json === true) {
        // Every node carries the same core fields (null where they do not apply), so consumers need no status switch to read them.
        const nodes = discovery.nodes.map((n) => ({ ...JSON_NODE_FIELDS, ...n }));
        io.out(JSON.stringify({ dag: factory.dag.source, config: factory.config?.source ?? null, nodes, summary: discovery.summary, warnings: discovery.warnings, interfaceOverrides: overrides }, null, 2));
      } else {
        io.out(discoveryText(discovery, io.width));
        for (const o of overrides) io.out(`interface override: ${o.stepType} from ${o.file} (replaces ${o.overrides})`);
      }
      setExit(discovery.summary.errors > 0 ? EXIT.nodesFailed : EXIT.ok);
    });
}
