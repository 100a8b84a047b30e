import { CursusLabError } from "../../src/errors.js";

/** The CursusLabError `fn` throws; any other outcome fails the test. */
export function failure(fn: () => unknown): CursusLabError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CursusLabError) return error;
    throw error;
  }
  throw new Error("expected a CursusLabError, nothing was thrown");
}
