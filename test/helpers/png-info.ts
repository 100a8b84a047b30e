import { crc32, inflateSync } from "node:zlib";

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  /** Distinct byte values in the decoded scanlines: a blank image has one or two. */
  readonly distinctBytes: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a PNG far enough to trust it: signature, every chunk's CRC, the header, and the image data
 * inflated to exactly one filter byte plus one row of pixels per line. Throws on any mismatch.
 */
export function pngInfo(bytes: Buffer): PngInfo {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error("not a PNG: the signature differs");
  let offset = 8;
  let header: { width: number; height: number; depth: number; colour: number } | undefined;
  const data: Buffer[] = [];
  for (;;) {
    if (offset + 12 > bytes.length) throw new Error("PNG ends before its IEND chunk");
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length)) throw new Error(`PNG chunk ${type}: CRC mismatch`);
    if (type === "IHDR") header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colour: body[9]! };
    if (type === "IDAT") data.push(body);
    offset += 12 + length;
    if (type === "IEND") break;
  }
  if (header === undefined) throw new Error("PNG has no IHDR chunk");
  const channels = CHANNELS[header.colour];
  if (channels === undefined) throw new Error(`PNG colour type ${header.colour} is not valid`);
  const pixels = inflateSync(Buffer.concat(data));
  const rowBytes = 1 + Math.ceil((header.width * channels * header.depth) / 8);
  if (pixels.length !== rowBytes * header.height) throw new Error(`PNG data holds ${pixels.length} bytes, expected ${rowBytes * header.height}`);
  return { width: header.width, height: header.height, distinctBytes: new Set(pixels).size };
}
