// A minimal PNG encoder (8-bit RGBA, no interlace) on node:zlib, with optional tEXt chunks for provenance.
import { deflateSync } from 'node:zlib';

/** Pixels row by row, 4 bytes each (red, green, blue, alpha). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

const crcTable = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** Encodes an RGBA image; `text` entries become tEXt chunks (Latin-1 keywords of 1–79 characters). */
export function encodePng(image: RgbaImage, text: Record<string, string> = {}): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) throw new RangeError('image data does not match its size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, adaptive filtering, no interlace
  // Filter type 0 (none) on every scanline: the tile art compresses well without predictors.
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const texts = Object.entries(text).map(([keyword, value]) =>
    chunk('tEXt', Buffer.from(`${keyword.slice(0, 79)}\0${value}`, 'latin1')),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...texts,
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Sets one pixel from a 0xRRGGBB colour (opaque) when it lies inside the image. */
export function setPixel(image: RgbaImage, x: number, y: number, rgb: number, alpha = 255): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const offset = (y * image.width + x) * 4;
  image.data[offset] = (rgb >> 16) & 0xff;
  image.data[offset + 1] = (rgb >> 8) & 0xff;
  image.data[offset + 2] = rgb & 0xff;
  image.data[offset + 3] = alpha;
}

export function fillRect(image: RgbaImage, x: number, y: number, width: number, height: number, rgb: number): void {
  for (let dy = 0; dy < height; dy += 1) for (let dx = 0; dx < width; dx += 1) setPixel(image, x + dx, y + dy, rgb);
}

/**
 * Paints pixel art `width` × `height` art pixels large with its top-left corner at (x, y), each art pixel as a
 * `scale` × `scale` square; where `colourAt` gives undefined (transparent art) the image keeps what it had.
 */
export function drawArt(
  image: RgbaImage,
  x: number,
  y: number,
  scale: number,
  width: number,
  height: number,
  colourAt: (artX: number, artY: number) => number | undefined,
): void {
  for (let artY = 0; artY < height; artY += 1) {
    for (let artX = 0; artX < width; artX += 1) {
      const colour = colourAt(artX, artY);
      if (colour === undefined) continue;
      fillRect(image, x + artX * scale, y + artY * scale, scale, scale, colour);
    }
  }
}
