/**
 * A number read from a config file, kept as its source text. Python wrote that text with `repr`, so it
 * is what `str(value)` gives in the script's world: `1.0`, `1e-05` and 20-digit integers survive,
 * where a JS number would print `1`, `0.00001` or a rounded integer.
 */
export class SourceNumber {
  constructor(readonly text: string) {}

  valueOf(): number {
    return Number(this.text);
  }

  toString(): string {
    return this.text;
  }

  /** Code that serialises configs with JSON.stringify still gets a number, not an object. */
  toJSON(): number {
    return Number(this.text);
  }
}

export function isSourceNumber(value: unknown): value is SourceNumber {
  return value instanceof SourceNumber;
}
