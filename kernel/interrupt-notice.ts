import * as msg from "../src/messages.js";

/**
 * On Jupyter's Interrupt tslab ends the cell by printing its own internal error, with a stack into tslab's
 * executor, on the cell's stderr. That stack says nothing about the run, so the next write of it is
 * replaced by one line about what happened. tslab points `process.stderr.write` at the next cell when that
 * cell starts, so the filter ends with the interrupted cell.
 */
export function replaceInterruptStack(): void {
  const write = process.stderr.write;
  let replaced = false;
  process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : "";
    if (!replaced && text.startsWith("Error: Interrupted asynchronously")) {
      replaced = true;
      return write.call(this, `${msg.notebookRunInterrupted()}\n`);
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stderr.write;
}
