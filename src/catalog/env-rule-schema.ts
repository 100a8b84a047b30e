import { z } from "zod";
import * as msg from "../messages.js";

/**
 * One config class's env values and job arguments, as data (`catalog/env-rules/*.env.yaml`, and the same
 * files in a user's --interfaces folders). It states what the class's Python computes, so a class the
 * built-in tables do not know can be described without code.
 */

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

/** A field name (dotted for nested: `hyperparameters.id_name`), or several: the first one present wins. */
const fieldRef = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (typeof v === "string" ? [v] : v));

const condition = z.union([
  z.object({ truthy: z.string().min(1) }).strict(),
  z.object({ falsy: z.string().min(1) }).strict(),
  z.object({ set: z.string().min(1) }).strict(),
]);

/** `truthy` / `set` test the entry's own field; a list tests named fields, all of which must hold. */
const when = z.union([z.enum(["truthy", "set"]), z.array(condition).min(1)]);

/** How a value becomes text, each the Python expression a config class uses. */
export const formats = {
  str: "str(v)",
  lower: "str(v).lower()",
  bool: '"true" if v else "false"',
  json: "json.dumps(v)",
  comma: '",".join(v)',
  env: "the generic resolver's formatting",
} as const;
export type Format = keyof typeof formats;

const KINDS = ["from", "concat", "each", "value", "omit"] as const;

const envEntrySchema = z
  .object({
    env: z.string().min(1),
    from: fieldRef.optional(),
    /** Fields whose values (lists flattened, falsy ones dropped) are joined, duplicates removed. */
    concat: z.array(z.string().min(1)).min(1).optional(),
    /** A dict field giving one variable per key; `env` is a template with `{KEY}` or `{KEY_UPPER}`. */
    each: z.string().min(1).optional(),
    value: z.string().optional(),
    /** `None` in `_env_overrides()`: the variable is not set, so the interface default applies. */
    omit: z.literal(true).optional(),
    as: z.enum(Object.keys(formats) as [Format, ...Format[]]).default("str"),
    when: when.optional(),
    /** `self.field or "<this>"`: the text used when the field is falsy. */
    or: z.string().optional(),
    /** The class's field default, used when the saved config leaves the field out (cursus omits defaults). */
    default: jsonValue.optional(),
  })
  .strict()
  .refine((e) => KINDS.filter((k) => e[k] !== undefined).length === 1, { message: msg.envRuleOneKind(KINDS) });

const argEntrySchema = z
  .object({
    flag: z.string().min(1).optional(),
    /** The value's field; the argument is left out when the field is unset. Without it, the flag stands alone. */
    from: fieldRef.optional(),
    /** A list field passed through as the script's arguments (flags and values as written). */
    passthrough: z.string().min(1).optional(),
    when: when.optional(),
    default: jsonValue.optional(),
  })
  .strict()
  .refine((a) => (a.flag === undefined) !== (a.passthrough === undefined), { message: msg.argRuleFlagOrPassthrough() });

/**
 * The hyperparameters file the step's builder puts in front of the script: which declared input carries
 * it, under which names, and which config fields make up its JSON (a whole block, or chosen fields).
 */
const hyperparametersFileSchema = z
  .object({
    input: z.string().min(1),
    /** File names; `{field}` is the config field's text, `{field_upper}` the same upper-cased. A name whose field is unset is left out. */
    names: z.array(z.string().min(1)).min(1),
    /** A dict field written whole, as its `model_dump()` gives it. */
    block: z.string().min(1).optional(),
    /** Chosen fields, each under its own name, with the class's field default when the saved config leaves it out. */
    fields: z.array(z.object({ field: z.string().min(1), default: jsonValue.optional() }).strict()).min(1).optional(),
    /** Python's `json.dump` keyword `ensure_ascii` as the builder calls it. */
    ensure_ascii: z.boolean().default(true),
  })
  .strict()
  .refine((h) => (h.block === undefined) !== (h.fields === undefined), { message: msg.hyperparametersFileOneContent() });

/**
 * A path the class computes for an input its step mounts from the config instead of from upstream (the
 * interface's `input_source_overrides` names the attribute): the first `from` field set is the path,
 * joined under the first `under` field set when `under` is given (the class's effective source folder);
 * `or` is the text used when no `from` field is set. Relative paths are taken from the project root.
 */
const configPathSchema = z.object({ from: fieldRef, under: fieldRef.optional(), or: z.string().optional() }).strict();

export const envRuleSchema = z
  .object({
    config_class: z.string().min(1),
    /**
     * `declared`: the base resolver runs over the interface's names (these entries first, then `NAME` ->
     * field, then `hyperparameters.name`). `own`: the class's own collector returns exactly these entries,
     * declared or not, and the convention does not run; declared optionals it leaves out get their default.
     */
    collector: z.enum(["declared", "own"]),
    description: z.string().optional(),
    env: z.array(envEntrySchema).default([]),
    job_arguments: z.array(argEntrySchema).default([]),
    hyperparameters_file: hyperparametersFileSchema.optional(),
    /** By attribute name (`inference_scripts_source`): the paths of config-sourced inputs. */
    config_paths: z.record(z.string(), configPathSchema).default({}),
  })
  .strict();

export type EnvRule = z.infer<typeof envRuleSchema>;
export type EnvEntry = EnvRule["env"][number];
export type ArgEntry = EnvRule["job_arguments"][number];
export type HyperparametersFileRule = NonNullable<EnvRule["hyperparameters_file"]>;
export type ConfigPathRule = EnvRule["config_paths"][string];
export type Condition = z.infer<typeof condition>;
