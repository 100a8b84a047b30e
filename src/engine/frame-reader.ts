/** The kinds of frame the fork server sends (python/cursus_lab_fork_server.py). */
export const FRAME = { stdout: 1, stderr: 2, started: 3, exited: 4, closed: 5, refused: 6, ready: 7 } as const;

const HEADER_BYTES = 9;

/**
 * Cuts the fork server's stdout into frames (child id u32, kind u8, length u32, big-endian, payload). Only
 * an unfinished frame is kept between chunks, and the server sends at most 64 KiB a frame, so memory stays
 * bounded however much a script prints.
 */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (child: number, kind: number, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    let data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (data.length >= HEADER_BYTES) {
      const length = data.readUInt32BE(5);
      if (data.length < HEADER_BYTES + length) break;
      this.onFrame(data.readUInt32BE(0), data.readUInt8(4), data.subarray(HEADER_BYTES, HEADER_BYTES + length));
      data = data.subarray(HEADER_BYTES + length);
    }
    // A copy, so the chunk the rest was cut from can be collected.
    this.pending = Buffer.from(data);
  }
}
