/**
 * How deep a JSON text nests, scanned without recursion: every reader after the first (the lossless
 * number parser, the config decoder) walks values recursively, and 100k levels overflow the stack.
 * Returns the offset where `limit` is first passed, or undefined when the text stays within it.
 */
export function findExcessiveNesting(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}
