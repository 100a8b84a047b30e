import type { Output } from "./execute-notebook.js";

/** What an untrusted front end sanitises away before showing an output: it runs and draws neither. */
const UNTRUSTED_DROPS = ["text/html", "image/svg+xml", "application/javascript"];

/**
 * An output as a notebook reopened untrusted (or GitHub's preview) shows it: the MIME parts it drops are
 * gone, and it picks the richest of what is left, in Jupyter's display order.
 */
export function untrustedView(output: Output): { mime: string; data: unknown } | undefined {
  const kept = Object.entries(output.data ?? {}).filter(([mime]) => !UNTRUSTED_DROPS.includes(mime));
  const order = ["text/markdown", "text/latex", "image/png", "image/jpeg", "text/plain"];
  for (const mime of order) {
    const found = kept.find(([m]) => m === mime);
    if (found !== undefined) return { mime, data: found[1] };
  }
  return undefined;
}
