import { closeSync, openSync, writeSync } from "node:fs";

/**
 * A log file that stops growing at `limitBytes`: what comes after is counted, not kept, and the file
 * ends with a note saying how much was left out, so a flooding script cannot fill the disk.
 */
export class BoundedLog {
  private readonly fd: number;
  private written = 0;
  private dropped = 0;

  constructor(
    readonly file: string,
    private readonly limitBytes: number,
  ) {
    this.fd = openSync(file, "w");
  }

  write(chunk: Buffer): void {
    const room = this.limitBytes - this.written;
    if (room > 0) {
      const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
      writeSync(this.fd, kept);
      this.written += kept.length;
    }
    this.dropped += Math.max(0, chunk.length - Math.max(0, room));
  }

  get droppedBytes(): number {
    return this.dropped;
  }

  close(note: (dropped: number, limit: number) => string): void {
    if (this.dropped > 0) writeSync(this.fd, `\n${note(this.dropped, this.limitBytes)}\n`);
    closeSync(this.fd);
  }
}
