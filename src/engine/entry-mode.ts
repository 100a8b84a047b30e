import * as msg from "../messages.js";
import { sandboxSupport, unmappable } from "./sandbox.js";

/**
 * `script`: the production entry, `python script.py <job args>` in a private mount namespace where
 * the container paths are the node's folders; `main`: the script's main() called with local paths;
 * `auto`: the production entry when a namespace can be made here.
 */
export type EntryRequest = "auto" | "main" | "script";
export type EntryMode = "main" | "script";

export type EntryChoice = { readonly ok: true; readonly mode: EntryMode; readonly why: string } | { readonly ok: false; readonly why: string };

export function chooseEntry(request: EntryRequest, containerPaths: readonly string[]): EntryChoice {
  if (request === "main") return { ok: true, mode: "main", why: msg.entryMainChosen() };
  const support = sandboxSupport();
  const outside = unmappable(containerPaths.map((container) => ({ container, local: "", writable: false })));
  const blocker = !support.ok ? support.why : outside.length > 0 ? msg.entryPathsOutsideOpt(outside) : undefined;
  if (blocker === undefined) return { ok: true, mode: "script", why: msg.entryScriptChosen(request === "auto") };
  return request === "script" ? { ok: false, why: blocker } : { ok: true, mode: "main", why: msg.entryAutoFellBack(blocker) };
}
