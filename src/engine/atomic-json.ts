import { readFileSync } from "node:fs";
import { onExit } from "signal-exit";
import writeFileAtomic from "write-file-atomic";
import type { z } from "zod";

/** Written to a temporary file and renamed, so a reader never sees half a file, even if we are killed. */
export function writeJsonAtomic(file: string, value: unknown, pretty = false): void {
  writeFileAtomic.sync(file, `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`, { fsync: false });
}

/**
 * Keeps the clean-up of write-file-atomic's temporary files on a signal installed until the returned
 * function is called. Each write otherwise installs a listener on every signal and removes them again:
 * some 150 system calls, which a run paid for every node it recorded.
 */
export function holdAtomicWriteCleanup(): () => void {
  return onExit(() => undefined);
}

/** The file parsed by the schema, or undefined when it is absent, unreadable or of another shape. */
export function readJsonIf<T extends z.ZodType>(file: string, schema: T): z.infer<T> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
