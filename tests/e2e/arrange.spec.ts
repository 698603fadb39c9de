// The Arrange workspace end to end: arrange four parts and see every lane drawn, redraw bass bars 3–4 only (checked
// against the API's answers), undo, mute a lane, export a four-track MIDI file; harmonize a Music result; and the
// whole flow from the keyboard alone. Screenshots of every state go to /tmp/shots-arrange-ws/.
import { expect, test, type Page, type Response } from '@playwright/test';
import tonejs from '@tonejs/midi';
import { readFile } from 'node:fs/promises';
import type { ArrangeRun, SongTrack } from '../../contract/index.js';
import { openStudio } from './studio-page.js';

const { Midi } = tonejs;
const shots = '/tmp/shots-arrange-ws';
const lanes = ['melody', 'chords', 'bass', 'drums'] as const;
const barTicks = 1920;

test.use({ viewport: { width: 1440, height: 900 } });

/** Coloured (note) pixels in each lane of the canvas: lane backgrounds and grid lines are greys. */
async function lanePixels(page: Page): Promise<number[]> {
  const canvas = page.getByTestId('arrange-canvas');
  await expect(canvas).toHaveAttribute('data-notes', /melody/);
  return canvas.evaluate((element) => {
    const node = element as HTMLCanvasElement;
    const ratio = node.width / node.clientWidth;
    const tops = JSON.parse(node.dataset.laneTop!) as number[];
    const height = Number(node.dataset.laneHeight);
    const context = node.getContext('2d')!;
    return tops.map((top) => {
      const { data } = context.getImageData(0, Math.round(top * ratio), node.width, Math.round(height * ratio));
      let coloured = 0;
      for (let offset = 0; offset < data.length; offset += 4) {
        const [r, g, b] = [data[offset]!, data[offset + 1]!, data[offset + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 30) coloured += 1;
      }
      return coloured;
    });
  });
}

async function runOf(response: Response): Promise<ArrangeRun> {
  expect(response.ok()).toBe(true);
  return (await response.json()) as ArrangeRun;
}

/** The notes of a song outside the given cells (bars from 0), as comparable strings. */
function notesOutside(tracks: SongTrack[], track: string, fromBar: number, toBar: number): string[] {
  return tracks
    .flatMap((part) =>
      part.notes
        .filter((note) => {
          const bar = Math.floor(note.start / barTicks);
          return part.track !== track || bar < fromBar || bar > toBar;
        })
        .map((note) => `${part.track}:${note.pitch}:${note.start}:${note.duration}:${note.velocity}`),
    )
    .sort();
}

/** The song Arrange keeps over a reload: the current take of variation `index`. */
async function keptTake(page: Page, index: number): Promise<{ tracks: SongTrack[]; takes: number; at: number }> {
  return page.evaluate((variation) => {
    const kept = JSON.parse(localStorage.getItem('mosaic-studio:arrange-results')!) as {
      state: { song: { variations: { takes: { tracks: SongTrack[] }[]; index: number }[] } };
    };
    const stack = kept.state.song.variations[variation]!;
    return { tracks: stack.takes[stack.index]!.tracks, takes: stack.takes.length, at: stack.index };
  }, index);
}

async function laneCentre(page: Page, lane: number, bar: number, bars: number): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId('arrange-canvas');
  const box = (await canvas.boundingBox())!;
  const tops = JSON.parse((await canvas.getAttribute('data-lane-top'))!) as number[];
  const height = Number(await canvas.getAttribute('data-lane-height'));
  return { x: box.x + ((bar + 0.5) / bars) * box.width, y: box.y + tops[lane]! + height / 2 };
}

test('arranges four parts, redraws bass bars 3–4 only, undoes, mutes, exports a four-track MIDI file', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openStudio(page, 'arrange');
  await expect(page.getByTestId('arrange-empty')).toContainText('Press Arrange');
  await page.screenshot({ path: `${shots}/01-empty.png` });

  await page.getByTestId('arrange-bars').fill('8');
  await page.getByTestId('arrange-variations').fill('2');
  await page.getByTestId('arrange-seed').fill('7');
  const arranged = page.waitForResponse((response) => response.url().endsWith('/v1/music/arrange'));
  await page.keyboard.press('Control+Enter');
  const arrange = await runOf(await arranged);
  const variations = page.getByRole('listbox', { name: 'Song variations' }).getByRole('option');
  await expect(variations).toHaveCount(2);
  await expect(page.getByTestId('arrange-error')).toHaveCount(0);
  const pixels = await lanePixels(page);
  for (const [lane, count] of pixels.entries()) expect(count, `${lanes[lane]} lane pixels`).toBeGreaterThan(100);
  await expect(page.getByTestId('arrange-lane-bass')).toContainText('Electric Bass (finger)');
  await page.screenshot({ path: `${shots}/02-arranged.png` });

  // Select bass bars 3–4 with the mouse, then infill them.
  const from = await laneCentre(page, 2, 2, 8);
  const to = await laneCentre(page, 2, 3, 8);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('arrange-canvas')).toHaveAttribute(
    'data-selection',
    JSON.stringify({ fromLane: 2, toLane: 2, fromBar: 2, toBar: 3 }),
  );
  await expect(page.getByTestId('arrange-selection-text')).toContainText('Bass bars 3–4');
  await page.screenshot({ path: `${shots}/03-selected.png` });
  const infilled = page.waitForResponse((response) => response.url().endsWith('/v1/music/infill'));
  await page.keyboard.press('Control+Shift+Enter');
  const infillResponse = await infilled;
  const request = infillResponse.request().postDataJSON() as { cells: unknown; song: { tracks: SongTrack[] } };
  expect(request.cells).toEqual([{ track: 'bass', fromBar: 2, toBar: 3 }]);
  const infill = await runOf(infillResponse);
  const before = arrange.result.variations[0]!.tracks;
  const after = infill.result.variations[0]!.tracks;
  // Every note outside bass bars 3–4 is the same note (in the answer and in what the Studio now holds).
  expect(notesOutside(after, 'bass', 2, 3)).toEqual(notesOutside(before, 'bass', 2, 3));
  await expect.poll(async () => (await keptTake(page, 0)).takes).toBe(2);
  const shown = await keptTake(page, 0);
  expect(notesOutside(shown.tracks, 'bass', 2, 3)).toEqual(notesOutside(before, 'bass', 2, 3));
  expect(infill.result.variations[0]!.filledCells).toEqual([
    { track: 'bass', bar: 2 },
    { track: 'bass', bar: 3 },
  ]);
  await expect(page.getByTestId('arrange-selection-text')).toContainText('last: Infill Bass bars 3–4');
  await page.screenshot({ path: `${shots}/04-infilled.png` });

  // Undo restores the take as arranged; redo brings the infill back.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await keptTake(page, 0)).at).toBe(0);
  expect((await keptTake(page, 0)).tracks).toEqual(before);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await keptTake(page, 0)).at).toBe(1);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await keptTake(page, 0)).at).toBe(0);

  // The selection belongs to variation 1: variation 2 shows none, and back on 1 it is there again.
  await page.keyboard.press('2');
  await expect(variations.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('arrange-canvas')).toHaveAttribute('data-selection', '');
  await page.keyboard.press('1');
  await expect(page.getByTestId('arrange-canvas')).toHaveAttribute('data-selection', /"fromBar":2/);

  // Mute the drums: they draw dimmed and the mix that plays leaves them out.
  await page.getByTestId('arrange-mute-drums').click();
  await expect(page.getByTestId('arrange-mute-drums')).toHaveAttribute('aria-pressed', 'true');
  const rendered = page.waitForRequest((request) => request.url().endsWith('/v1/music/export-song'));
  await page.getByTestId('arrange-play').click();
  const mix = (await rendered).postDataJSON() as { result: { variations: { tracks: { track: string }[] }[] } };
  expect(mix.result.variations[0]!.tracks.map((track) => track.track)).toEqual(['melody', 'chords', 'bass']);
  await expect(page.getByTestId('arrange-play')).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  await expect(page.getByTestId('arrange-playhead')).toHaveAttribute('data-x', /\d+/);
  await page.screenshot({ path: `${shots}/05-muted-playing.png` });
  await page.getByTestId('arrange-play').click();
  await expect(page.getByTestId('arrange-play')).toHaveAttribute('data-state', 'stopped');

  // Export: one MIDI file, four named tracks, drums on channel 10, eight bars.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('arrange-export-mid').getByRole('button').click(),
  ]);
  expect(download.suggestedFilename()).toBe('song-A-minor-110bpm-seed7-v1.mid');
  const midi = new Midi(await readFile((await download.path())!));
  const tracks = midi.tracks.filter((track) => track.notes.length > 0);
  expect(tracks.map((track) => track.name)).toEqual(['Melody', 'Chords', 'Bass', 'Drums']);
  expect(tracks.find((track) => track.name === 'Drums')!.channel).toBe(9);
  expect(tracks.filter((track) => track.name !== 'Drums').every((track) => track.channel !== 9)).toBe(true);
  // One lane alone (the ↓ beside it), and the WAV mix.
  const [lane] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('arrange-lane-export-bass').click(),
  ]);
  expect(lane.suggestedFilename()).toBe('bass-A-minor-110bpm-seed7-v1.mid');
  const bass = new Midi(await readFile((await lane.path())!)).tracks.filter((track) => track.notes.length > 0);
  expect(bass.map((track) => track.name)).toEqual(['Bass']);
  const [wav] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('arrange-export-wav').getByRole('button').click(),
  ]);
  expect(wav.suggestedFilename()).toBe('song-A-minor-110bpm-seed7-v1.wav');
  expect((await readFile((await wav.path())!)).subarray(0, 4).toString()).toBe('RIFF');
  await page.screenshot({ path: `${shots}/06-exported.png` });

  // Nothing lost on reload: the song, its takes and the selection come back.
  await page.reload();
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  await expect(page.getByTestId('workspace-arrange')).toBeVisible();
  await expect(variations).toHaveCount(2);
  await expect(page.getByTestId('arrange-canvas')).toHaveAttribute('data-selection', /"fromBar":2/);
  expect((await keptTake(page, 0)).tracks).toEqual(before);
  await page.screenshot({ path: `${shots}/07-reloaded.png` });
});

test('harmonizes a Music melody: the song opens in Arrange with chords and bass under it', async ({ page }) => {
  test.setTimeout(180_000);
  await openStudio(page, 'music');
  await page.getByTestId('music-bars').fill('4');
  await page.getByTestId('music-variations').fill('1');
  await page.getByTestId('music-bars').press('Tab');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('listbox', { name: 'Variations' }).getByRole('option')).toHaveCount(1, {
    timeout: 120_000,
  });
  await expect(page.getByTestId('music-to-arrange-harmonize')).toBeVisible();
  await page.screenshot({ path: `${shots}/08-music-send.png` });
  const harmonized = page.waitForResponse((response) => response.url().endsWith('/v1/music/harmonize'));
  await page.getByTestId('music-to-arrange-harmonize').click();
  const run = await runOf(await harmonized);
  await expect(page.getByTestId('workspace-arrange')).toBeVisible();
  await expect(page.getByTestId('arrange-notice')).toContainText('Harmonized Music melody variation 1');
  const parts = run.result.variations[0]!.tracks.map((track) => track.track);
  expect(parts).toEqual(['melody', 'chords', 'bass']);
  const pixels = await lanePixels(page);
  expect(pixels.slice(0, 3).every((count) => count > 50)).toBe(true);
  await page.screenshot({ path: `${shots}/09-harmonized.png` });
});

test('keyboard only: arrange, select cells, infill, play, export', async ({ page }) => {
  test.setTimeout(180_000);
  await openStudio(page);
  await page.keyboard.press('Control+5');
  await expect(page.getByTestId('workspace-arrange')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('listbox', { name: 'Song variations' }).getByRole('option')).toHaveCount(3, {
    timeout: 60_000,
  });
  await lanePixels(page);
  // With nothing focused, arrows take the lanes: down twice to Bass, right twice to bar 3, Shift+Right to bar 4.
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'Shift+ArrowRight'])
    await page.keyboard.press(key);
  await expect(page.getByTestId('arrange-canvas')).toBeFocused();
  await expect(page.getByTestId('arrange-canvas')).toHaveAttribute(
    'data-selection',
    JSON.stringify({ fromLane: 2, toLane: 2, fromBar: 2, toBar: 3 }),
  );
  await page.screenshot({ path: `${shots}/10-keyboard-selected.png` });
  const infilled = page.waitForResponse((response) => response.url().endsWith('/v1/music/infill'));
  await page.keyboard.press('Control+Shift+Enter');
  await runOf(await infilled);
  await expect(page.getByTestId('arrange-undo')).toBeEnabled();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('arrange-play')).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('arrange-play')).toHaveAttribute('data-state', 'stopped');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+e')]);
  expect(download.suggestedFilename()).toMatch(/^song-.*\.mid$/);
  await page.screenshot({ path: `${shots}/11-keyboard-exported.png` });
});

/** A two-bar lead and bass as a .mid (no drums), as a file dropped from the desktop. */
function leadAndBass(): number[] {
  const midi = new Midi();
  midi.header.setTempo(100);
  const lead = midi.addTrack();
  lead.name = 'Lead';
  [69, 72, 76, 74, 72, 71, 69, 67].forEach((pitch, index) =>
    lead.addNote({ midi: pitch, ticks: index * 480, durationTicks: 440, velocity: 0.8 }),
  );
  const bass = midi.addTrack();
  bass.name = 'Bass';
  bass.channel = 1;
  [45, 45, 41, 43].forEach((pitch, index) =>
    bass.addNote({ midi: pitch, ticks: index * 960, durationTicks: 900, velocity: 0.7 }),
  );
  return [...midi.toArray()];
}

test('a dropped .mid becomes the song; drums, continue and humanize build on it; loop and metronome play', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openStudio(page, 'arrange');
  const bytes = leadAndBass();
  const drop = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'lead-and-bass.mid', { type: 'audio/midi' }));
    return transfer;
  }, bytes);
  await page.getByTestId('arrange-canvas').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByTestId('arrange-notice')).toContainText('Imported lead-and-bass.mid: 2 parts over 2 bars');
  await expect(page.getByTestId('arrange-lane-melody')).toContainText(/^Melody8 notes/);
  await expect(page.getByTestId('arrange-lane-bass')).toContainText(/^Bass4 notes/);
  await expect(page.getByTestId('arrange-lane-drums')).toContainText(/^Drums0 hits/);
  await page.screenshot({ path: `${shots}/12-dropped.png` });

  await page.keyboard.press('Alt+d');
  await expect(page.getByTestId('arrange-lane-drums')).toContainText(/^Drums[1-9]\d* hits/);
  await expect(page.getByTestId('arrange-lane-melody')).toContainText(/^Melody8 notes/);
  await page.getByTestId('arrange-continue').click();
  await expect(page.getByTestId('arrange-facts')).toContainText('6 bars');
  await page.getByTestId('arrange-humanize').click();
  await expect(page.getByTestId('arrange-selection-text')).toContainText('last: Humanized the song');
  await expect(page.getByTestId('arrange-variations-list')).toContainText('4/4 takes');
  await page.screenshot({ path: `${shots}/13-built-on.png` });

  // Loop bars 2–3 with the metronome on: the play head stays inside them and the clicks sound.
  const canvas = page.getByTestId('arrange-canvas');
  await canvas.focus();
  for (const key of ['ArrowRight', 'ArrowRight', 'Shift+ArrowRight', 'Shift+ArrowDown']) await page.keyboard.press(key);
  await page.keyboard.press('l');
  await page.keyboard.press('k');
  await expect(page.getByTestId('arrange-loop')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('arrange-metronome')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('arrange-play')).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  await expect(page.getByTestId('arrange-audio')).toHaveAttribute('data-clicks', /[1-9]/, { timeout: 15_000 });
  const box = (await canvas.boundingBox())!;
  for (let sample = 0; sample < 5; sample += 1) {
    const x = Number(await page.getByTestId('arrange-playhead').getAttribute('data-x'));
    expect(x).toBeGreaterThanOrEqual(Math.floor(box.width / 6) - 1);
    expect(x).toBeLessThanOrEqual(Math.ceil((box.width * 3) / 6) + 1);
    await page.waitForTimeout(400);
  }
  await page.screenshot({ path: `${shots}/14-looping.png` });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('arrange-play')).toHaveAttribute('data-state', 'stopped');
});

test('a long arrangement shows its progress and is cancelled with Ctrl+., the song kept', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page, 'arrange');
  await page.getByTestId('arrange-bars').fill('32');
  await page.getByTestId('arrange-variations').fill('8');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('arrange-progress')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: /Arranging 8 × 32 bars/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/15-progress.png` });
  await page.keyboard.press('Control+.');
  await expect(page.getByTestId('arrange-error')).toContainText('Cancelled: the song is as it was.', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('arrange-progress')).toHaveCount(0);

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  for (const label of ['Arrange a song', 'Infill the selected cells', 'Undo the last take', 'Toggle the metronome'])
    await expect(palette.getByRole('option', { name: new RegExp(`^${label}`) })).toBeVisible();
  await page.screenshot({ path: `${shots}/16-palette.png` });
});

test('an arrangement streams onto the lanes bar by bar under its progress bar; Escape cancels, the song kept', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openStudio(page, 'arrange');
  await page.getByTestId('arrange-bars').fill('4');
  await page.keyboard.press('Control+Enter');
  const canvas = page.getByTestId('arrange-canvas');
  await expect(page.getByTestId('arrange-run-facts')).toBeVisible({ timeout: 60_000 });
  const before = await canvas.getAttribute('data-notes');

  await page.getByTestId('arrange-bars').fill('32');
  await page.getByTestId('arrange-variations').fill('4');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('progressbar', { name: /Arranging 4 × 32 bars/ })).toBeVisible();
  // The first bars are drawn while the rest is still being written.
  await expect(canvas).toHaveAttribute('data-written-bars', /^[1-9]/, { timeout: 30_000 });
  await expect.poll(async () => Number(await canvas.getAttribute('data-written-bars'))).toBeGreaterThanOrEqual(2);
  const written = Number(await canvas.getAttribute('data-written-bars'));
  expect(written).toBeLessThan(32);
  await expect(page.getByTestId('arrange-progress')).toContainText(/\d+ of 32 bars written/);
  await expect(page.getByTestId('arrange-facts')).toContainText(/Variation 1 as it is written · \d+ of 32 bars/);
  expect((await lanePixels(page))[0]).toBeGreaterThan(0);
  await page.screenshot({ path: `${shots}/18-streaming.png` });

  await canvas.focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('arrange-error')).toContainText('Cancelled: the song is as it was.', {
    timeout: 10_000,
  });
  await expect(page.getByTestId('arrange-progress')).toHaveCount(0);
  await expect(canvas).not.toHaveAttribute('data-written-bars', /.*/);
  await expect(canvas).toHaveAttribute('data-notes', before!);
  await page.screenshot({ path: `${shots}/19-cancelled.png` });
});

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the toolbars, lane headers and parameters fit without clipping', async ({ page }) => {
    test.setTimeout(120_000);
    await openStudio(page, 'arrange');
    await page.getByTestId('arrange-bars').fill('4');
    await page.getByTestId('arrange-variations').fill('1');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('listbox', { name: 'Song variations' }).getByRole('option')).toHaveCount(1, {
      timeout: 60_000,
    });
    const overflowing = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '.arrange-edit-row, .music-transport, .arrange-lane-header, .arrange-controls .music-row, .music-exports',
        ),
      ]
        .filter((element) => element.scrollWidth > element.clientWidth + 1)
        .map((element) => element.className),
    );
    expect(overflowing).toEqual([]);
    // Lane headers sit beside their lanes: each header's top is its lane's top on the canvas.
    const canvas = page.getByTestId('arrange-canvas');
    const canvasTop = (await canvas.boundingBox())!.y;
    const tops = JSON.parse((await canvas.getAttribute('data-lane-top'))!) as number[];
    for (const [lane, name] of lanes.entries()) {
      const header = (await page.getByTestId(`arrange-lane-${name}`).boundingBox())!;
      expect(Math.abs(header.y - (canvasTop + tops[lane]!))).toBeLessThanOrEqual(2);
    }
    await page.screenshot({ path: `${shots}/17-1280x800.png` });
  });
});
