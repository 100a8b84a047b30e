import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { readJsonIf, writeJsonAtomic } from "./atomic-json.js";
import { assertOwnedPath } from "./owned-path.js";

const preloadFileSchema = z.object({
  version: z.literal(1),
  /** Per interpreter path, per script path: the interpreter modules the script imported when it last ran. */
  interpreters: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
});

/**
 * `<workspace>/cache/preload.json`: what each script imported from the interpreter's own paths, learned
 * from every run (cold or warm), so the next fork server preloads it. A list only grows: a module a script
 * no longer imports costs the server one import, never a wrong result. Delete the file to forget.
 */
export class PreloadCache {
  private readonly file: string;
  private readonly data: z.infer<typeof preloadFileSchema>;
  private changed = false;

  constructor(private readonly workspace: string) {
    this.file = join(workspace, "cache", "preload.json");
    this.data = readJsonIf(this.file, preloadFileSchema) ?? { version: 1, interpreters: {} };
  }

  /** What a node's script is known to import, undefined when it never ran. */
  modulesOf(python: string, script: string): string[] | undefined {
    const known = this.data.interpreters[python]?.[script];
    return known === undefined ? undefined : [...known];
  }

  /** The modules of several scripts in run order, each once: what a server for them preloads first comes first. */
  modulesFor(python: string, scripts: readonly string[]): string[] {
    return [...new Set(scripts.flatMap((s) => this.modulesOf(python, s) ?? []))];
  }

  learn(python: string, script: string, modules: readonly string[]): void {
    const known = this.modulesOf(python, script) ?? [];
    const added = modules.filter((m) => !known.includes(m));
    if (added.length === 0) return;
    const scripts = (this.data.interpreters[python] ??= {});
    scripts[script] = [...known, ...added];
    this.changed = true;
  }

  save(): void {
    if (!this.changed) return;
    assertOwnedPath(this.workspace, this.file);
    mkdirSync(join(this.workspace, "cache"), { recursive: true });
    writeJsonAtomic(this.file, this.data, true);
    this.changed = false;
  }
}
