/*
 * Browser side of the editable requirements view (src/views/requirements-view.ts renders the markup).
 * Inlined into every form output, so it must be safe to run more than once: each form is wired once.
 * It posts only the fields the user changed, so untouched values keep their config source.
 */

interface Problem {
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

interface Reply {
  readonly ok: boolean;
  readonly message?: string;
  readonly problems?: readonly Problem[];
  readonly spec?: unknown;
  readonly sources?: Readonly<Record<string, string>>;
}

type Section = "inputs" | "outputs" | "env" | "args";
const SECTIONS: readonly Section[] = ["inputs", "outputs", "env", "args"];

function fieldsOf(form: HTMLFormElement): HTMLInputElement[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>("input.cl-field"));
}

/** `env.LABEL_FIELD` -> overrides.env.LABEL_FIELD; only changed fields. */
function changedOverrides(form: HTMLFormElement): { overrides: Record<string, Record<string, string>>; count: number } {
  const overrides: Record<string, Record<string, string>> = {};
  let count = 0;
  for (const input of fieldsOf(form)) {
    if (input.value === input.dataset["initial"]) continue;
    const dot = input.name.indexOf(".");
    const section = input.name.slice(0, dot) as Section;
    if (!SECTIONS.includes(section)) continue;
    (overrides[section] ??= {})[input.name.slice(dot + 1)] = input.value;
    count += 1;
  }
  return { overrides, count };
}

function show(status: HTMLElement, kind: "ok" | "problems" | "error", message: string, problems: readonly Problem[] = []): void {
  status.replaceChildren();
  const head = document.createElement("div");
  head.textContent = message;
  head.dataset["clResult"] = kind;
  if (kind !== "ok") head.style.color = "#a40e26";
  status.append(head);
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

async function apply(form: HTMLFormElement, status: HTMLElement): Promise<void> {
  const { overrides, count } = changedOverrides(form);
  for (const input of fieldsOf(form)) input.removeAttribute("aria-invalid");
  if (count === 0) {
    show(status, "ok", "Nothing changed.");
    return;
  }
  let reply: Reply;
  try {
    const response = await fetch(form.dataset["endpoint"]!, {
      method: "POST",
      headers: { "content-type": "application/json", "x-cursus-lab-token": form.dataset["token"]! },
      body: JSON.stringify({ node: form.dataset["node"], overrides }),
    });
    reply = (await response.json()) as Reply;
  } catch {
    show(status, "error", "Could not reach the notebook's kernel: it has stopped, or this page is an exported copy. Run the cell again to get a live form.");
    return;
  }
  if (!reply.ok) {
    const problems = reply.problems ?? [];
    for (const p of problems) form.querySelector<HTMLInputElement>(`input.cl-field[name="${CSS.escape(p.field)}"]`)?.setAttribute("aria-invalid", "true");
    show(status, "problems", reply.message ?? "The kernel refused the change.", problems);
    return;
  }
  for (const input of fieldsOf(form)) {
    input.dataset["initial"] = input.value;
    const source = reply.sources?.[input.name];
    const cell = form.querySelector<HTMLElement>(`[data-cl-source="${CSS.escape(input.name)}"]`);
    if (source !== undefined && cell !== null) cell.textContent = source;
  }
  show(status, "ok", reply.message ?? `Applied ${count} change${count === 1 ? "" : "s"}.`);
}

function wire(form: HTMLFormElement): void {
  if (form.dataset["clReady"] === "true") return;
  form.dataset["clReady"] = "true";
  const status = form.querySelector<HTMLElement>("[data-cl-status]") ?? form.appendChild(document.createElement("div"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void apply(form, status);
  });
}

for (const form of Array.from(document.querySelectorAll<HTMLFormElement>("form[data-cl-form]"))) wire(form);
