import type { Problem } from "../errors.js";
import * as msg from "../messages.js";
import type { Wire } from "../wiring/wire-edges.js";
import type { ScriptRequirements } from "../specs/requirements.js";
import type { FieldCheck } from "../specs/override-value-check.js";
import type { SpecResolution } from "../specs/resolve-spec.js";
import { badge, esc, htmlTable, viewHtml, type Cell } from "./html.js";
import type { MimeBundle } from "./mime-bundle.js";
import { textTable } from "./text-table.js";

/** Where the form posts edits; present only while a kernel (or another live host) serves the channel. */
export interface FormChannel {
  readonly endpoint: string;
  readonly token: string;
  /** The widget bundle (browser JS) that wires the form to the channel; inlined, so the output is self-contained. */
  readonly script: string;
  /** Per field (`env.MAX_DEPTH`): what it may hold, checked in the browser before Apply sends anything. */
  readonly checks?: Readonly<Record<string, FieldCheck>>;
}

/** One editable value: `field` is the override key the API takes (`inputs.DATA`, `env.LABEL_FIELD`, `args.--job_type`). */
export interface RequirementRow {
  readonly section: "inputs" | "outputs" | "env" | "args";
  readonly field: string;
  readonly label: string;
  readonly required: boolean;
  readonly containerPath?: string;
  readonly value: string | undefined;
  readonly source: string;
}

/** The node's current values (derived, wired, or overridden) with their source, in contract order. */
export function requirementRows(req: ScriptRequirements, resolution: SpecResolution, wires: readonly Wire[]): RequirementRow[] {
  const spec = resolution.spec;
  const wireOf = new Map(wires.filter((w) => w.node === req.node).map((w) => [w.input, w]));
  const inputs = req.inputs.map((i): RequirementRow => {
    const entry = spec.inputs[i.logicalName];
    const wire = wireOf.get(i.logicalName);
    const from =
      entry?.source === "upstream" && wire !== undefined
        ? `upstream ${wire.fromNode}.${wire.fromOutput} (${wire.kind}, ${wire.confidence})`
        : entry?.source === "generated"
          ? (entry.generatedFrom ?? "generated")
          : entry?.source === "config"
            ? `${entry.configuredFrom ?? "config"}${entry.movedFrom === undefined ? "" : msg.movedShort(entry.movedFrom)}`
            : (entry?.source ?? "default");
    return { section: "inputs", field: `inputs.${i.logicalName}`, label: i.logicalName, required: i.required, containerPath: i.containerPath, value: entry?.path, source: from };
  });
  const outputs = req.outputs.map((o): RequirementRow => {
    const entry = spec.outputs[o.logicalName];
    return { section: "outputs", field: `outputs.${o.logicalName}`, label: o.logicalName, required: true, containerPath: o.containerPath, value: entry?.path, source: entry?.source ?? "default" };
  });
  const declared = new Set(req.env.map((e) => e.name));
  const env = [
    ...req.env.map((e): RequirementRow => {
      const entry = spec.env[e.name];
      return { section: "env", field: `env.${e.name}`, label: e.name, required: e.required, value: entry?.value, source: entry?.source ?? "missing" };
    }),
    ...Object.entries(spec.env)
      .filter(([name]) => !declared.has(name))
      .map(([name, entry]): RequirementRow => ({ section: "env", field: `env.${name}`, label: name, required: false, value: entry.value, source: entry.source })),
  ];
  const args = req.args.map((a): RequirementRow => {
    const entry = spec.args.find((s) => s.flag === a.flag);
    // A switch is edited as true or false, the values its override takes.
    const value = a.alone === true ? String(entry !== undefined && entry.off !== true) : entry?.value;
    return { section: "args", field: `args.${a.flag}`, label: a.flag, required: false, value, source: entry?.source ?? (a.alone === true ? a.source : "missing") };
  });
  return [...inputs, ...outputs, ...env, ...args];
}

const SECTIONS = [
  { key: "inputs", title: "Inputs" },
  { key: "outputs", title: "Outputs" },
  { key: "env", title: "Environment variables" },
  { key: "args", title: "Job arguments" },
] as const;

function valueCell(row: RequirementRow, check: FieldCheck | undefined): Cell {
  if (check === undefined) return row.value === undefined ? { html: `<span class="cl-muted">(not set)</span>` } : { html: `<code>${esc(row.value)}</code>` };
  const value = row.value ?? "";
  // Paths run to 70-odd characters; a path field shows them whole, and its title repeats the value for narrow outputs.
  const width = check.kind === "path" ? ' style="width:76ch;font-family:monospace"' : "";
  return {
    html:
      `<input class="cl-field" name="${esc(row.field)}" value="${esc(value)}" data-initial="${esc(value)}" aria-label="${esc(row.field)}"` +
      ` data-cl-kind="${check.kind}"${check.required ? " data-cl-required" : ""}${width} title="${esc(value)}"${row.value === undefined ? ' placeholder="(not set)"' : ""}>`,
  };
}

function sectionHtml(title: string, rows: readonly RequirementRow[], checks: Readonly<Record<string, FieldCheck>> | undefined): string {
  if (rows.length === 0) return `<h3>${esc(title)}</h3><p class="cl-muted">(none)</p>`;
  const withPath = rows.some((r) => r.containerPath !== undefined);
  const head = ["name", "required", ...(withPath ? ["container path"] : []), "value", "source"];
  const body = rows.map((r) => [
    r.label,
    r.required ? "yes" : "no",
    ...(withPath ? [{ html: `<code>${esc(r.containerPath)}</code>` }] : []),
    valueCell(r, checks === undefined ? undefined : (checks[r.field] ?? { kind: r.section === "inputs" || r.section === "outputs" ? "path" : "text", required: r.required })),
    { html: `<span data-cl-source="${esc(r.field)}">${esc(r.source)}</span>` },
  ]);
  return htmlTable(head, body, { caption: title, attributes: ` data-cl-table="${esc(rows[0]!.section)}"` });
}

export function problemsHtml(problems: readonly Problem[]): string {
  if (problems.length === 0) return "";
  return `<ul class="cl-problems">${problems.map((p) => `<li data-cl-field="${esc(p.field)}">${esc(p.message)}<br><span class="cl-muted">fix: ${esc(p.fix)}</span></li>`).join("")}</ul>`;
}

/** `</script` inside an inlined bundle would end the script element early. */
export function inlineScript(code: string): string {
  return `<script>${code.replace(/<\/script/gi, "<\\/script")}</script>`;
}

/**
 * One script node's requirements with their sources. With a channel the values are an editable form that
 * posts changed fields only (so untouched values keep their config source); without one it is read-only.
 */
export function requirementsBundle(req: ScriptRequirements, resolution: SpecResolution, wires: readonly Wire[], channel?: FormChannel): MimeBundle {
  const rows = requirementRows(req, resolution, wires);
  const editable = channel !== undefined;
  const problems = resolution.ok ? [] : resolution.problems;
  const status = resolution.ok ? badge("ready") : badge("pending");
  const checks = editable ? (channel.checks ?? {}) : undefined;
  const tables = SECTIONS.map((s) => sectionHtml(s.title, rows.filter((r) => r.section === s.key), checks)).join("");
  const header = `<h3>${esc(req.node)} <span class="cl-muted">(${esc(req.stepType)})</span> ${status.html}</h3><div class="cl-muted">script <code>${esc(req.scriptPath)}</code></div>`;
  // A div, not a form: with scripts blocked (an untrusted notebook) a form's button would submit and reload the page.
  const body = editable
    ? `<div data-cl-form role="form" data-node="${esc(req.node)}" data-endpoint="${esc(channel.endpoint)}" data-token="${esc(channel.token)}">${tables}` +
      `<button type="button" data-cl-apply>Apply</button> <span class="cl-muted">changes go to this notebook's kernel; the next cell sees them</span>` +
      `<div class="cl-form-status" role="status" data-cl-status>${problemsHtml(problems)}</div></div>${inlineScript(channel.script)}`
    : `${tables}${problemsHtml(problems)}`;
  const html = viewHtml(editable ? "requirements-form" : "requirements", header + body);
  return { "text/plain": requirementsPlainText(req, rows, problems), "text/html": html };
}

function requirementsPlainText(req: ScriptRequirements, rows: readonly RequirementRow[], problems: readonly Problem[]): string {
  const lines = [`${req.node} (${req.stepType})`, `script: ${req.scriptPath}`];
  for (const s of SECTIONS) {
    const part = rows.filter((r) => r.section === s.key);
    lines.push(s.title.toLowerCase());
    lines.push(part.length === 0 ? "(none)" : textTable(["name", "required", "source", "value"], part.map((r) => [r.label, r.required ? "yes" : "no", r.source, r.value ?? "(not set)"])));
  }
  for (const p of problems) lines.push(`problem: ${p.message}\n  fix: ${p.fix}`);
  return lines.join("\n");
}
