import { resolve } from "node:path";
import { watch, type FSWatcher } from "chokidar";
import type { WorkbookSession } from "./workbook-session.js";

export interface ScriptWatch {
  /** Resolves once the watcher sees the files, so a save right after it is not missed. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Saving a script file computes its nodes (two nodes may share one file) and their descendants again;
 * the fingerprint then decides whether the script runs. `onTouched` lets the caller say so.
 */
export function watchScripts(session: WorkbookSession, onTouched: (nodes: readonly string[], file: string) => void = () => {}): ScriptWatch {
  const byFile = new Map<string, string[]>();
  for (const node of session.nodes) {
    const file = resolve(session.cell(node)!.spec.scriptPath);
    byFile.set(file, [...(byFile.get(file) ?? []), node]);
  }
  // Editors save by writing a temporary file and renaming it: wait until the write settles, then touch once.
  const watcher: FSWatcher = watch([...byFile.keys()], { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 } });
  const onChange = (path: string): void => {
    const nodes = byFile.get(resolve(path)) ?? [];
    for (const node of nodes) session.touch(node);
    if (nodes.length > 0) onTouched(nodes, path);
  };
  watcher.on("change", onChange).on("add", onChange);
  const ready = new Promise<void>((done) => watcher.once("ready", () => done()));
  return { ready, close: () => watcher.close() };
}
