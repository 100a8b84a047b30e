/**
 * Where JSON text first goes wrong, and how. Node 20's `JSON.parse` names no position for its most common
 * error ("Unexpected token ']', <the whole file> is not valid JSON"), so a user could not find a trailing
 * comma in a 148 KB config. Only called after `JSON.parse` has failed.
 */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly problem: string;
}

class Stop extends Error {
  constructor(readonly at: JsonSyntaxError) {
    super(at.problem);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const found = (): string => (i >= text.length ? "the file ends" : `found ${JSON.stringify(text[i])}`);
  const fail = (expected: string): never => {
    throw new Stop({ offset: i, problem: `expected ${expected}, ${found()}` });
  };
  const space = (): void => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail('a closing "');
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) throw new Stop({ offset: i, problem: "a line break or control character inside a string (write it as \\n)" });
      if (c === 0x5c) {
        const next = text[i + 1] ?? "";
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop({ offset: i, problem: "a bad \\u escape in a string" });
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== "") i += 2;
        else throw new Stop({ offset: i, problem: `a bad escape \\${next} in a string` });
      } else i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail("a quoted key");
        string();
        space();
        if (text[i] !== ":") fail('":"');
        i++;
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail('"," or "}"');
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail('"," or "]"');
      }
    }
    if (c === '"') return string();
    for (const word of ["true", "false", "null"]) if (text.startsWith(word, i)) return void (i += word.length);
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) return void (i = NUMBER.lastIndex);
    fail("a value");
  };
  try {
    value();
    space();
    if (i < text.length) fail("the end of the file after the JSON value");
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    return undefined; // too deeply nested to scan: the caller keeps JSON.parse's own message
  }
}
