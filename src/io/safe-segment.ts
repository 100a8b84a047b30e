import { createHash } from "node:crypto";

const PLAIN = /^[A-Za-z0-9_-]$/;
const MAX_LENGTH = 120;

/**
 * A node, logical or user-given name as one path segment that cannot climb (`..`), nest (`/`), hide
 * (`.x`) or exceed a file system's name limit. Plain names stay as they are, so folders stay readable;
 * every other byte becomes `%XX`, which keeps the encoding one-to-one. Names too long for one segment
 * keep a readable head and end in `~` plus a hash of the whole name (`~` is never produced otherwise).
 */
export function safeSegment(name: string): string {
  let encoded = "";
  for (const byte of Buffer.from(name, "utf8")) {
    const char = String.fromCharCode(byte);
    encoded += PLAIN.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  if (encoded === "") return "%";
  if (encoded.length <= MAX_LENGTH) return encoded;
  const digest = createHash("sha256").update(name).digest("hex").slice(0, 16);
  return `${encoded.slice(0, MAX_LENGTH - 17).replace(/%[0-9A-F]?$/, "")}~${digest}`;
}
