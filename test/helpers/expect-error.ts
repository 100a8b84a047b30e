import { CursusLabError } from "../../src/errors.js";

/** The error of class `kind` (a CursusLabError unless told) that `fn` throws; any other outcome fails the test. */
export function failure<E extends CursusLabError = CursusLabError>(
  fn: () => unknown,
  kind: abstract new (...args: never[]) => E = CursusLabError as unknown as abstract new (...args: never[]) => E,
): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a ${kind.name}, nothing was thrown`);
}
