// The POSIX ustar format, just enough to write and stream-read model bundles (regular files, long sizes in base-256).
import { MosaicError } from '../../../contract/index.js';

export const tarBlock = 512;
const octalSizeLimit = 8 ** 11;

export interface TarEntry {
  /** Full path inside the archive (prefix + name). */
  path: string;
  size: number;
  /** '0' for a regular file; anything else is refused by readers of bundles. */
  type: string;
}

/** A header block for a regular file at `path` (≤ 255 bytes, split at a "/" into prefix and name). */
export function tarHeader(path: string, size: number, mtimeSeconds: number): Buffer {
  const header = Buffer.alloc(tarBlock, 0);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    const cut = path.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(path.slice(cut + 1)) > 100)
      throw new Error(`path too long for a tar entry: ${path}`);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
  }
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'ascii'); // mode
  header.write('0000000\0', 108, 'ascii'); // uid
  header.write('0000000\0', 116, 'ascii'); // gid
  writeSize(header, size);
  header.write(`${Math.floor(mtimeSeconds).toString(8).padStart(11, '0')}\0`, 136, 'ascii');
  header.write('        ', 148, 'ascii'); // checksum placeholder
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** Zero bytes that round an entry of `size` bytes up to a whole block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((tarBlock - (size % tarBlock)) % tarBlock, 0);
}

/** The two zero blocks that end an archive. */
export function tarEnd(): Buffer {
  return Buffer.alloc(tarBlock * 2, 0);
}

/** Parses a header block; null for the zero block that marks the end. */
export function parseTarHeader(block: Buffer): TarEntry | null {
  if (block.every((byte) => byte === 0)) return null;
  const stored = parseInt(readString(block, 148, 8).trim() || 'x', 8);
  let sum = 0;
  for (let i = 0; i < tarBlock; i += 1) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  if (stored !== sum)
    throw new MosaicError('INVALID_MANIFEST', 'The bundle is not a tar archive (bad header checksum).');
  const name = readString(block, 0, 100);
  const prefix = readString(block, 345, 155);
  return { path: prefix ? `${prefix}/${name}` : name, size: readSize(block), type: readString(block, 156, 1) || '0' };
}

function writeSize(header: Buffer, size: number): void {
  if (size < octalSizeLimit) {
    header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
    return;
  }
  // GNU base-256: the high bit of the first byte set, then the size big-endian.
  header[124] = 0x80;
  let rest = BigInt(size);
  for (let i = 135; i > 124; i -= 1) {
    header[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

function readSize(block: Buffer): number {
  if ((block[124]! & 0x80) !== 0) {
    let size = 0n;
    for (let i = 125; i < 136; i += 1) size = (size << 8n) | BigInt(block[i]!);
    return Number(size);
  }
  const size = parseInt(readString(block, 124, 12).trim() || '0', 8);
  if (!Number.isSafeInteger(size) || size < 0)
    throw new MosaicError('INVALID_MANIFEST', 'A bundle entry has a bad size.');
  return size;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Reads an archive from a stream of chunks: headers, then exactly each entry's bytes. */
export class TarReader {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly chunks: AsyncIterator<Buffer>;
  /** Unread bytes of the current entry, and the padding after them. */
  private remaining = 0;
  private padding = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** The next entry's header (after skipping what is left of the previous entry); null at the end. */
  async next(): Promise<TarEntry | null> {
    for await (const _unread of this.body()) void _unread;
    if (this.padding > 0) await this.take(this.padding);
    this.padding = 0;
    const block = await this.take(tarBlock);
    if (!block) return null;
    const entry = parseTarHeader(block);
    if (entry) {
      this.remaining = entry.size;
      this.padding = tarPadding(entry.size).length;
    }
    return entry;
  }

  /** The current entry's bytes. */
  async *body(): AsyncGenerator<Buffer> {
    while (this.remaining > 0) {
      if (this.buffered.length === 0 && !(await this.fill())) {
        throw new MosaicError('INTEGRITY_ERROR', 'The bundle ends in the middle of a file.');
      }
      const piece = this.buffered.subarray(0, Math.min(this.remaining, this.buffered.length));
      this.buffered = this.buffered.subarray(piece.length);
      this.remaining -= piece.length;
      yield piece;
    }
  }

  /** Exactly `length` bytes; null when the stream ended cleanly before any of them. */
  private async take(length: number): Promise<Buffer | null> {
    while (this.buffered.length < length) if (!(await this.fill())) break;
    if (this.buffered.length < length) {
      if (this.buffered.length === 0) return null;
      throw new MosaicError('INTEGRITY_ERROR', 'The bundle is truncated.');
    }
    const taken = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return taken;
  }

  private async fill(): Promise<boolean> {
    const { value, done } = await this.chunks.next();
    if (done) return false;
    this.buffered = this.buffered.length === 0 ? value : Buffer.concat([this.buffered, value]);
    return true;
  }
}
