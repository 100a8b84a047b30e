/** What the kernel answers an edit with, whichever route carried it (kernel/form-edit.ts sends it). */
export interface Problem {
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

export interface FieldState {
  readonly field: string;
  readonly value?: string;
  readonly source: string;
}

export interface Reply {
  readonly ok: boolean;
  readonly message?: string;
  readonly problems?: readonly Problem[];
  readonly fields?: readonly FieldState[];
}

/** A route either carried the edit (the kernel's reply) or says why it could not. */
export type RouteOutcome = { readonly reached: true; readonly reply: Reply } | { readonly reached: false; readonly why: string };

export function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && typeof (value as { ok?: unknown }).ok === "boolean";
}
