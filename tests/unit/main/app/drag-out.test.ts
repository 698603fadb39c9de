import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDragOut } from '../../../../main/app/drag-out.js';
import { createTempHome } from '../../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
beforeAll(async () => {
  home = await createTempHome();
});
afterAll(async () => {
  await home.remove();
});

function fakeSource() {
  const drags: { file: string; icon: unknown }[] = [];
  return { drags, source: { startDrag: (item: { file: string; icon: unknown }) => drags.push(item) } };
}

describe('drag-out', () => {
  it('writes the clip and starts a native drag of it', async () => {
    const { drags, source } = fakeSource();
    const midi = Buffer.from('MThd fake midi bytes');
    const file = await startDragOut({ name: 'idea-1.mid', base64: midi.toString('base64') }, source, 'icon', home.path);
    expect(file).toBe(join(home.path, 'idea-1.mid'));
    expect(await readFile(file!)).toEqual(midi);
    expect(drags).toEqual([{ file, icon: 'icon' }]);
  });

  it('refuses names that leave the folder, unknown types, and empty or malformed requests', async () => {
    const { drags, source } = fakeSource();
    const bytes = Buffer.from('x').toString('base64');
    for (const request of [
      { name: '../escape.mid', base64: bytes },
      { name: 'clip.exe', base64: bytes },
      { name: 'clip.mid', base64: '' },
      { name: 42, base64: bytes },
      null,
    ]) {
      expect(await startDragOut(request, source, 'icon', home.path)).toBeNull();
    }
    expect(drags).toHaveLength(0);
  });
});
