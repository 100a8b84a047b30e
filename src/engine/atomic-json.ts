import { readFileSync } from "node:fs";
import { onExit } from "signal-exit";
import writeFileAtomic from "write-file-atomic";
import type { z } from "zod";

/** Written to a temporary file and renamed, so a reader never sees half a file, even if we are killed. */
export function writeJsonAtomic(file: string, value: unknown, pretty = false): void {
  writeFileAtomic.sync(file, `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`, { fsync: false });
}

/**
 * write-file-atomic registers an exit handler for each write and removes it after it; when none is left,
 * signal-exit removes its listeners of a dozen signals, and the next write installs them again: some 180
 * system calls per node of a run. One handler held for the run keeps them installed. Signals still end
 * the process as before: signal-exit raises again a signal that nothing else listens to.
 */
export function holdExitHandlers(): () => void {
  return onExit(() => {});
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
