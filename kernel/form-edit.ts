import { z } from "zod";
import { CursusLabError, ProblemsError, type Problem } from "../src/errors.js";
import type { TestingFactory } from "../src/factory/testing-factory.js";
import * as msg from "../src/messages.js";
import type { ScriptOverrides } from "../src/specs/script-overrides.js";
import { requirementRows } from "../src/views/requirements-view.js";
import { checkOverrides, fieldChecks } from "./field-checks.js";

/** One form field as the kernel holds it after an edit: what the form shows next. */
export interface FieldState {
  readonly field: string;
  readonly value: string | undefined;
  readonly source: string;
}

export type FormReply =
  | { readonly ok: true; readonly message: string; readonly fields: readonly FieldState[] }
  | { readonly ok: false; readonly message: string; readonly problems?: readonly Problem[] };

export interface FormEditResult {
  readonly status: number;
  readonly body: FormReply;
}

const requestSchema = z.object({ node: z.string(), overrides: z.unknown() });

/** The values and sources the form shows, read back from the factory rather than echoed from the request. */
export function fieldStates(factory: TestingFactory, node: string): FieldState[] {
  return requirementRows(factory.getScriptTestingRequirements(node), factory.getScriptSpec(node), factory.wires).map((r) => ({ field: r.field, value: r.value, source: r.source }));
}

/**
 * Applies one form submission, whichever route brought it (loopback HTTP, the front end's kernel
 * connection, Jupyter's proxy): same checks, same API call, same reply. `refusal` names why this factory
 * no longer takes edits.
 */
export function applyFormEdit(factory: TestingFactory, raw: string, refusal: () => string | undefined = () => undefined): FormEditResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status: 400, body: { ok: false, message: msg.formEditNotJson() } };
  }
  const parsed = requestSchema.safeParse(json);
  if (!parsed.success) return { status: 400, body: { ok: false, message: msg.formEditShape() } };
  const refused = refusal();
  if (refused !== undefined) return { status: 409, body: { ok: false, message: refused } };
  const { node } = parsed.data;
  const overrides = parsed.data.overrides as ScriptOverrides;
  try {
    const typeProblems = typeof overrides === "object" && overrides !== null ? checkOverrides(node, overrides, fieldChecks(factory, node)) : [];
    if (typeProblems.length > 0) return { status: 422, body: { ok: false, message: msg.configureFailed(node, typeProblems.length), problems: typeProblems } };
    factory.configureScriptTesting(node, overrides);
    return { status: 200, body: { ok: true, message: msg.formApplied(node), fields: fieldStates(factory, node) } };
  } catch (error) {
    if (error instanceof ProblemsError) return { status: 422, body: { ok: false, message: error.message, problems: error.problems } };
    if (error instanceof CursusLabError) {
      const problem: Problem = { node, field: "node", message: error.message, fix: error.hint };
      return { status: 422, body: { ok: false, message: error.message, problems: [problem] } };
    }
    throw error;
  }
}
