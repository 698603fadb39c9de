import { describe, expect, it } from 'vitest';
import { MosaicError } from '../../../../../contract/index.js';
import {
  TarReader,
  parseTarHeader,
  tarEnd,
  tarHeader,
  tarPadding,
} from '../../../../../main/services/model-library/tar-format.js';

async function* chunked(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

function archive(entries: [string, Buffer][]): Buffer {
  return Buffer.concat([
    ...entries.flatMap(([path, body]) => [tarHeader(path, body.length, 1_700_000_000), body, tarPadding(body.length)]),
    tarEnd(),
  ]);
}

describe('tar', () => {
  const long = `${'folder-'.repeat(12)}x/${'name-'.repeat(15)}.bin`;
  const entries: [string, Buffer][] = [
    ['pkg/manifest.json', Buffer.from('{"a":1}')],
    ['pkg/empty', Buffer.alloc(0)],
    [long, Buffer.alloc(1537, 7)],
  ];

  it.each([1, 7, 512, 4096])('reads back what it wrote, whatever the chunk size (%i)', async (size) => {
    const reader = new TarReader(chunked(archive(entries), size));
    const read: [string, Buffer][] = [];
    for (let entry = await reader.next(); entry; entry = await reader.next()) {
      const parts: Buffer[] = [];
      for await (const part of reader.body()) parts.push(part);
      read.push([entry.path, Buffer.concat(parts)]);
    }
    expect(read).toEqual(entries);
  });

  it('skips unread bodies, encodes sizes past 8 GiB in base-256, and rejects a bad checksum', async () => {
    const reader = new TarReader(chunked(archive(entries), 100));
    expect((await reader.next())?.path).toBe('pkg/manifest.json');
    expect((await reader.next())?.path).toBe('pkg/empty');
    expect((await reader.next())?.size).toBe(1537);
    expect(await reader.next()).toBeNull();

    expect(parseTarHeader(tarHeader('big.bin', 9 * 1024 ** 3, 0))?.size).toBe(9 * 1024 ** 3);
    const header = tarHeader('x', 1, 0);
    header[0] = 'y'.charCodeAt(0);
    expect(() => parseTarHeader(header)).toThrow(MosaicError);
  });
});
