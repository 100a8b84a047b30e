import { Option, type Command } from "commander";
import type { FactoryOptions } from "../factory/testing-factory.js";

/** What `addSourceOptions` parses. */
export interface SourceFlags {
  readonly scriptsDir: string[];
  readonly interfaces: string[];
  readonly workspace?: string;
  readonly projectRoot?: string;
  /** A file from --settings, false from --no-settings. */
  readonly settings?: string | false;
  readonly allowSettingsOutputs?: boolean;
}

export interface PipelineFlags extends SourceFlags {
  readonly dag: string;
  /** Absent in DAG-only mode (discover, requirements, plan). */
  readonly config?: string;
  readonly json?: boolean;
  /** `NODE.INPUT=UPSTREAM.OUTPUT`, on the commands that take --wire. */
  readonly wire?: string[];
}

/** Commander parser for a repeatable option. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `--wire`, on the commands that wire inputs (run, requirements). */
export function addWireOption(command: Command): Command {
  return command.addOption(
    new Option("--wire <NODE.INPUT=UPSTREAM.OUTPUT>", "choose the upstream output that feeds an input; any upstream script node (repeatable)").default([]).argParser(collect),
  );
}

/**
 * The options every pipeline command shares. `--config` is optional where answers can come from the DAG
 * and the step catalog alone (DAG-only mode); `run` needs it.
 */
export function addPipelineOptions(command: Command, config: "required" | "optional" = "required"): Command {
  const withDag = command.requiredOption("--dag <file>", "the pipeline DAG (*.dag.json)");
  const withConfig = config === "required" ? withDag.requiredOption("--config <file>", "the cursus pipeline config JSON") : withDag.option("--config <file>", "the cursus pipeline config JSON (without it: DAG-only mode, step types from node names)");
  return addSourceOptions(withConfig).option("--json", "print JSON on stdout instead of tables");
}

/** Where scripts, interfaces, the workspace and this machine's settings come from: every command that loads a pipeline. */
export function addSourceOptions(command: Command): Command {
  return command
    .addOption(new Option("--scripts-dir <dir>", "also look for scripts here (repeatable)").default([]).argParser(collect))
    .addOption(new Option("--interfaces <dir>", "folder of *.step.yaml step interfaces; overrides built-ins (repeatable)").default([]).argParser(collect))
    .option("--project-root <dir>", "folder relative source dirs in the config are taken from (default: the config's folder)")
    .option("--workspace <dir>", "where inputs, outputs and runs go (default: ./.cursus-lab)")
    .option("--settings <file>", "a cursus-lab.json to apply (default: the one beside the DAG)")
    .option("--no-settings", "ignore cursus-lab.json")
    .option("--allow-settings-outputs", "let cursus-lab.json name output folders outside its own folder");
}

export function factoryOptions(flags: PipelineFlags): FactoryOptions {
  return {
    dag: flags.dag,
    ...(flags.config === undefined ? {} : { config: flags.config }),
    scriptsDirs: flags.scriptsDir,
    interfacesDirs: flags.interfaces,
    caller: "cli",
    ...(flags.workspace === undefined ? {} : { workspace: flags.workspace }),
    ...(flags.projectRoot === undefined ? {} : { projectRoot: flags.projectRoot }),
    ...(flags.settings === undefined ? {} : { settings: flags.settings }),
    ...(flags.allowSettingsOutputs === true ? { allowSettingsOutputs: true } : {}),
    ...(flags.wire === undefined || flags.wire.length === 0 ? {} : { wires: flags.wire }),
  };
}
