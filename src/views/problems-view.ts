import type { Problem } from "../errors.js";
import { esc, viewHtml } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";
import { problemsHtml } from "./requirements-view.js";

/** Problems found before anything ran (or a configuration refused), all of them, each with its fix. */
export function problemsBundle(message: string, problems: readonly Problem[], hint: string): MimeBundle {
  const html = viewHtml("problems", `<h3>${esc(message)}</h3>${problemsHtml(problems)}<div class="cl-muted">${esc(hint)}</div>`);
  const text = [message, ...problems.map((p) => `  - ${p.message}\n    fix: ${p.fix}`), hint].join("\n");
  return { "text/plain": text, "text/html": html };
}
