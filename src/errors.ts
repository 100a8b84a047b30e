/**
 * Every error cursus-lab raises on purpose. `code` is stable (scripts and tests match on it),
 * `hint` says what to do next, and `kind` decides the CLI exit code: bad input exits 2.
 */
export type ErrorKind = "input" | "internal";

export interface ErrorDetails {
  /** File the problem was found in, when there is one. */
  readonly file?: string | undefined;
  /** JSON path (`configuration.specific.Package`) or DAG node the problem is about. */
  readonly at?: string | undefined;
}

export class CursusLabError extends Error {
  override readonly name: string = "CursusLabError";
  readonly code: string;
  readonly hint: string;
  readonly kind: ErrorKind;
  readonly file: string | undefined;
  readonly at: string | undefined;

  constructor(
    code: string,
    message: string,
    hint: string,
    options: ErrorDetails & { kind?: ErrorKind; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = hint;
    this.kind = options.kind ?? "input";
    this.file = options.file;
    this.at = options.at;
  }
}

/** A problem with one configured value, reported together with its siblings. */
export interface Problem {
  readonly node: string;
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

/** Several problems found at once (configuration, wiring): never only the first. */
export class ProblemsError extends CursusLabError {
  override readonly name = "ProblemsError";
  readonly problems: readonly Problem[];

  constructor(code: string, message: string, problems: readonly Problem[], hint: string) {
    super(code, message, hint);
    this.problems = problems;
  }
}

export function isCursusLabError(error: unknown): error is CursusLabError {
  return error instanceof CursusLabError;
}
