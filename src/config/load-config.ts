import { dirname, resolve } from "node:path";
import { CursusLabError } from "../errors.js";
import { readJsonFile } from "../io/read-json-file.js";
import { parseWith } from "../io/zod-issues.js";
import * as msg from "../messages.js";
import { configFileSchema } from "./config-schema.js";
import { checkModelType, decodeMarkers } from "./decode-markers.js";
import type { ConfigFields, PipelineConfig, StepConfig } from "./pipeline-config.js";

/** A config file path, or the already-parsed JSON of one. */
export type ConfigInput = string | unknown;

export function loadConfig(input: ConfigInput, baseDir?: string): PipelineConfig {
  if (typeof input === "string") {
    return parseConfig(readJsonFile(input, "config file", { lossless: true }), input, baseDir ?? dirname(resolve(input)));
  }
  return parseConfig(input, "<object>", baseDir ?? process.cwd());
}

export function parseConfig(raw: unknown, source: string, baseDir: string): PipelineConfig {
  const file = parseWith(configFileSchema, raw, source, "cursus pipeline config", msg.configShape);
  const configTypes = file.metadata?.config_types ?? {};
  const shared = decodeMarkers(file.configuration.shared, source, "configuration.shared") as ConfigFields;
  const steps = new Map<string, StepConfig>();
  for (const [key, block] of Object.entries(file.configuration.specific)) {
    const at = `configuration.specific.${key}`;
    const inBlock = Object.hasOwn(block, "__model_type__") ? checkModelType(block["__model_type__"], source, at) : undefined;
    // Keys such as "constructor" are config keys here, not Object.prototype's members.
    const inMetadata = Object.hasOwn(configTypes, key) ? configTypes[key] : undefined;
    if (inBlock !== undefined && inMetadata !== undefined && inBlock !== inMetadata) {
      throw new CursusLabError(
        "CONFIG_MODEL_TYPE_MISMATCH",
        msg.modelTypeMismatch(source, key, inBlock, inMetadata),
        msg.modelTypeMismatchHint(),
        { file: source, at },
      );
    }
    const specific = decodeMarkers(block, source, at) as ConfigFields;
    steps.set(key, { key, className: inBlock ?? inMetadata, specific, effective: { ...shared, ...specific } });
  }
  return { source, baseDir, shared, steps };
}
