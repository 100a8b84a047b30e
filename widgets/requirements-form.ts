/*
 * Browser side of the editable requirements view (src/views/requirements-view.ts renders the markup).
 * Inlined into every form output, so it must be safe to run more than once: each form is wired once.
 * It sends only the fields the user changed, so untouched values keep their config source, and it tries
 * the routes to the kernel in order: the loopback channel, the front end's kernel connection, Jupyter's
 * server proxy; when none answers it shows the equivalent `lab.configure(...)` call.
 */
import * as msg from "../src/messages.js";
import { overrideValueCheck, type FieldKind } from "../src/specs/override-value-check.js";
import type { Problem, Reply, RouteOutcome } from "./form/form-reply.js";
import { jupyterBaseUrl, proxyEndpoint, viaHttp } from "./form/http-routes.js";
import { viaKernelConnection } from "./form/kernel-connection.js";

type Section = "inputs" | "outputs" | "env" | "args";
const SECTIONS: readonly Section[] = ["inputs", "outputs", "env", "args"];
/** A remote browser's 127.0.0.1 is its own machine: do not wait long for an answer from there. */
const DIRECT_TIMEOUT_MS = 2000;
const PROXY_TIMEOUT_MS = 10000;
const KINDS: readonly FieldKind[] = ["number", "boolean", "text", "path"];

function fieldsOf(form: HTMLElement): HTMLInputElement[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>("input.cl-field"));
}

/** `env.LABEL_FIELD` -> overrides.env.LABEL_FIELD; only changed fields. */
function changedOverrides(form: HTMLElement): { overrides: Record<string, Record<string, string>>; changed: HTMLInputElement[] } {
  const overrides: Record<string, Record<string, string>> = {};
  const changed: HTMLInputElement[] = [];
  for (const input of fieldsOf(form)) {
    if (input.value === input.dataset["initial"]) continue;
    const dot = input.name.indexOf(".");
    const section = input.name.slice(0, dot) as Section;
    if (!SECTIONS.includes(section)) continue;
    (overrides[section] ??= {})[input.name.slice(dot + 1)] = input.value;
    changed.push(input);
  }
  return { overrides, changed };
}

/** The checks the kernel runs too, so a bad value is refused here with the same message, before any route. */
function typeProblems(inputs: readonly HTMLInputElement[]): Problem[] {
  const problems: Problem[] = [];
  for (const input of inputs) {
    const declared = input.dataset["clKind"] as FieldKind | undefined;
    const kind = declared !== undefined && KINDS.includes(declared) ? declared : "text";
    const found = overrideValueCheck(input.name, input.value, { kind, required: input.hasAttribute("data-cl-required") });
    if (found !== undefined) problems.push({ field: input.name, ...found });
  }
  return problems;
}

function show(status: HTMLElement, kind: "ok" | "problems" | "error" | "waiting", message: string, problems: readonly Problem[] = [], code?: string): void {
  status.replaceChildren();
  const head = document.createElement("div");
  head.textContent = message;
  head.dataset["clResult"] = kind;
  if (kind === "problems" || kind === "error") head.style.color = "#a40e26";
  status.append(head);
  if (code !== undefined) {
    const pre = document.createElement("pre");
    pre.dataset["clCopy"] = "";
    pre.textContent = code;
    pre.style.userSelect = "all";
    status.append(pre);
  }
  if (problems.length === 0) return;
  const list = document.createElement("ul");
  list.className = "cl-problems";
  for (const p of problems) {
    const item = document.createElement("li");
    item.dataset["clField"] = p.field;
    item.textContent = p.message;
    const fix = document.createElement("div");
    fix.className = "cl-muted";
    fix.textContent = `fix: ${p.fix}`;
    item.append(fix);
    list.append(item);
  }
  status.append(list);
}

function markInvalid(form: HTMLElement, problems: readonly Problem[]): void {
  for (const p of problems) form.querySelector<HTMLInputElement>(`input.cl-field[name="${CSS.escape(p.field)}"]`)?.setAttribute("aria-invalid", "true");
}

/** Tries each route in order; the first that reaches the kernel decides. */
async function send(form: HTMLElement, status: HTMLElement, body: string): Promise<{ reply: Reply } | { tried: string[] }> {
  const endpoint = form.dataset["endpoint"]!;
  const token = form.dataset["token"]!;
  const tried: string[] = [];
  const direct = await viaHttp(endpoint, token, body, DIRECT_TIMEOUT_MS, (why) => msg.formRouteDirect(endpoint, why));
  if (direct.reached) return { reply: direct.reply };
  tried.push(direct.why);
  const kernel: RouteOutcome = await viaKernelConnection(token, body, () => show(status, "waiting", msg.formKernelSilent(5)));
  if (kernel.reached) return { reply: kernel.reply };
  tried.push(msg.formRouteKernel(kernel.why));
  const base = jupyterBaseUrl(document);
  const port = Number(new URL(endpoint).port);
  if (base === undefined) {
    tried.push(msg.formRouteProxy(`<base_url>proxy/${port}/`, msg.formRouteNoBaseUrl()));
    return { tried };
  }
  const url = proxyEndpoint(base, port, location.href);
  const proxied = await viaHttp(url, token, body, PROXY_TIMEOUT_MS, (why) => msg.formRouteProxy(url, why));
  if (proxied.reached) return { reply: proxied.reply };
  tried.push(proxied.why);
  return { tried };
}

/** What the form shows after Apply comes from the kernel's reply: its values and sources, not the typed text. */
function showKernelState(form: HTMLElement, reply: Reply): void {
  const byField = new Map((reply.fields ?? []).map((f) => [f.field, f]));
  for (const input of fieldsOf(form)) {
    const state = byField.get(input.name);
    if (state === undefined) continue;
    input.value = state.value ?? "";
    input.dataset["initial"] = input.value;
    input.title = input.value;
    const cell = form.querySelector<HTMLElement>(`[data-cl-source="${CSS.escape(input.name)}"]`);
    if (cell !== null) cell.textContent = state.source;
  }
}

async function apply(form: HTMLElement, status: HTMLElement): Promise<void> {
  const { overrides, changed } = changedOverrides(form);
  const node = form.dataset["node"]!;
  for (const input of fieldsOf(form)) input.removeAttribute("aria-invalid");
  if (changed.length === 0) return show(status, "ok", msg.formNothingChanged());
  const local = typeProblems(changed);
  if (local.length > 0) {
    markInvalid(form, local);
    return show(status, "problems", msg.formChecksFailed(node, local.length), local);
  }
  const outcome = await send(form, status, JSON.stringify({ node, overrides }));
  if ("tried" in outcome) return show(status, "error", msg.formNoRoute(outcome.tried), [], `lab.configure(${JSON.stringify(node)}, ${JSON.stringify(overrides)});`);
  const reply = outcome.reply;
  if (!reply.ok) {
    markInvalid(form, reply.problems ?? []);
    return show(status, "problems", reply.message ?? msg.formNothingChanged(), reply.problems ?? []);
  }
  showKernelState(form, reply);
  show(status, "ok", reply.message ?? msg.formApplied(node));
}

function wire(form: HTMLElement): void {
  if (form.dataset["clReady"] === "true") return;
  form.dataset["clReady"] = "true";
  const status = form.querySelector<HTMLElement>("[data-cl-status]") ?? form.appendChild(document.createElement("div"));
  let busy = false;
  const run = (): void => {
    if (busy) return;
    busy = true;
    void apply(form, status).finally(() => (busy = false));
  };
  form.querySelector("[data-cl-apply]")?.addEventListener("click", run);
  // Keys typed in a field belong to the field: Jupyter's shortcuts (listening on the document) would
  // otherwise act on them, and Enter applies rather than running the cell.
  for (const type of ["keydown", "keypress", "keyup"] as const) {
    form.addEventListener(type, (event) => {
      if (!(event.target instanceof HTMLInputElement)) return;
      event.stopPropagation();
      if (type === "keydown" && event.key === "Enter") {
        event.preventDefault();
        run();
      }
    });
  }
  for (const input of fieldsOf(form)) input.addEventListener("input", () => (input.title = input.value));
}

for (const form of Array.from(document.querySelectorAll<HTMLElement>("[data-cl-form]"))) wire(form);
