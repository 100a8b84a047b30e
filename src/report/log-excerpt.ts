import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { LineTail } from "../engine/line-tail.js";

const TAIL_BYTES = 32 * 1024;

/** The last lines of a log file (only its end is read); empty when the file is gone or empty. */
export function logExcerpt(file: string, lines = 15): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const tail = new LineTail(lines, 400);
    tail.push(buffer.toString("utf8"));
    tail.end();
    return tail.last.filter((l, i, all) => l !== "" || i < all.length - 1);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
