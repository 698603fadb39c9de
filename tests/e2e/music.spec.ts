// The Music workspace end to end: generate melodies and see them on the roll, play, pick, export MIDI; drums; continue.
import { expect, test, type Page } from '@playwright/test';
import tonejs from '@tonejs/midi';
import { readFile } from 'node:fs/promises';
import { openStudio, rollNotesPainted } from './studio-page.js';

const { Midi } = tonejs;

/** Pixels of the roll painted in note colours: blue for generated notes, sand for a primer's. */
async function rollPixels(page: Page): Promise<{ generated: number; primer: number; brightest: number }> {
  await rollNotesPainted(page);
  return page.getByTestId('music-roll').evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let generated = 0;
    let primer = 0;
    let brightest = 0;
    for (let offset = 0; offset < data.length; offset += 4) {
      const [red, green, blue] = [data[offset]!, data[offset + 1]!, data[offset + 2]!];
      if (blue > 90 && blue - red > 40) {
        generated += 1;
        brightest = Math.max(brightest, blue);
      } else if (red > 90 && red - blue > 40 && green > blue) primer += 1;
    }
    return { generated, primer, brightest };
  });
}

/** Exports the picked variation as MIDI and reads it back with @tonejs/midi. */
async function exportMidi(page: Page): Promise<{ name: string; midi: InstanceType<typeof Midi> }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('music-export-mid').getByRole('button').click(),
  ]);
  const midi = new Midi(await readFile((await download.path())!));
  return { name: download.suggestedFilename(), midi };
}

/** A four-bar C-major primer (a rising and falling line of eighths) as a .mid. */
function primerFile(): { name: string; mimeType: string; buffer: Buffer } {
  const midi = new Midi();
  midi.header.setTempo(96);
  const track = midi.addTrack();
  const line = [60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62, 60, 64];
  for (let index = 0; index < 32; index += 1) {
    track.addNote({ midi: line[index % line.length]!, ticks: index * 240, durationTicks: 220, velocity: 0.7 });
  }
  return { name: 'primer-c-major.mid', mimeType: 'audio/midi', buffer: Buffer.from(midi.toArray()) };
}

test('generates melodies, draws them, plays and picks a variation, and exports the MIDI shown', async ({ page }) => {
  // The first generate installs the bundled music model; the first play renders a WAV.
  test.setTimeout(240_000);
  await openStudio(page, 'music');
  await expect(page.getByRole('tab', { name: 'Generate' })).toHaveAttribute('aria-selected', 'true');
  const empty = await rollPixels(page);
  expect(empty.generated).toBe(0);
  await expect(page.getByTestId('music-roll-empty')).toContainText('Press Generate');

  await page.getByTestId('music-bars').fill('4');
  await page.getByTestId('music-variations').fill('3');
  await page.getByTestId('music-seed').fill('7');
  await page.getByTestId('music-bars').press('Tab');
  await expect(page.getByTestId('music-progress')).toHaveCount(0);
  // A warm model answers in well under 100 ms, faster than an assertion can poll: record every DOM change while the
  // run is in flight and check afterwards that the progress bar was shown and the roll said what was coming.
  await page.evaluate(() => {
    const seen = { progress: false, rollTexts: [] as string[] };
    (window as unknown as { runSeen: typeof seen }).runSeen = seen;
    const record = () => {
      if (document.querySelector('[data-testid="music-progress"]')) seen.progress = true;
      const empty = document.querySelector('[data-testid="music-roll-empty"]')?.textContent;
      if (empty && !seen.rollTexts.includes(empty)) seen.rollTexts.push(empty);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.keyboard.press('Control+Enter');
  await page.screenshot({ path: 'test-results/music-generating.png' });
  const variations = page.getByRole('listbox', { name: 'Variations' }).getByRole('option');
  await expect(variations).toHaveCount(3, { timeout: 180_000 });
  await expect(page.getByTestId('music-error')).toHaveCount(0);
  const seen = await page.evaluate(
    () => (window as unknown as { runSeen: { progress: boolean; rollTexts: string[] } }).runSeen,
  );
  expect(seen.progress).toBe(true);
  // While it ran, the empty roll said what was coming rather than inviting a Generate.
  expect(seen.rollTexts).toContain('Generating 3 variations…');

  // Notes on the roll: bright and dim ones (velocity), and as many as the variation has.
  const drawn = await rollPixels(page);
  expect(drawn.generated).toBeGreaterThan(200);
  const firstCount = await rollNotesPainted(page);
  expect(firstCount).toBeGreaterThan(4);
  await page.screenshot({ path: 'test-results/music-generated.png' });

  // Play: the button turns to Stop and the playhead moves.
  const play = page.getByTestId('music-play');
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  await expect(play).toHaveAttribute('aria-label', 'Stop');
  await expect
    .poll(() => page.getByTestId('music-audio').evaluate((audio) => (audio as HTMLAudioElement).currentTime), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0.3);
  await expect(page.getByTestId('music-position')).not.toHaveText('1.1');
  await page.screenshot({ path: 'test-results/music-playing.png' });
  await page.keyboard.press('Space');
  await expect(play).toHaveAttribute('data-state', 'stopped');
  await expect(play).toHaveAttribute('aria-label', 'Play');

  // Pick variation 2 from the keyboard: the roll shows its notes.
  await page.keyboard.press('2');
  await expect(variations.nth(1)).toHaveAttribute('aria-selected', 'true');
  const secondCount = await rollNotesPainted(page);
  expect(secondCount).toBeGreaterThan(4);

  // Export it: the file has the notes the roll shows, in A minor (the default lock), at the tempo asked.
  const { name, midi } = await exportMidi(page);
  expect(name).toBe('melody-A-minor-110bpm-seed7-v2.mid');
  const notes = midi.tracks.flatMap((track) => track.notes);
  expect(notes).toHaveLength(secondCount);
  const aMinor = new Set([9, 11, 0, 2, 4, 5, 7]);
  expect(notes.every((note) => aMinor.has(note.midi % 12))).toBe(true);
  expect(Math.round(midi.header.tempos[0]!.bpm)).toBe(110);
  // Four bars take the auto form AABA: bar 2 restates bar 1 note for note (a quarter of the restated bars, openings
  // first) and bar 4 its first half; the facts name the form.
  await expect(page.locator('.music-clip-facts')).toContainText('· AABA');
  const barOf = (index: number, part = 1) =>
    notes
      .filter((note) => Math.floor(note.ticks / 1920) === index && note.ticks - index * 1920 < 1920 * part)
      .map((note) => [note.midi, note.ticks - index * 1920]);
  expect(barOf(0).length).toBeGreaterThan(0);
  expect(barOf(1)).toEqual(barOf(0));
  expect(barOf(3, 0.5)).toEqual(barOf(0, 0.5));
  await page.screenshot({ path: 'test-results/music-exported.png' });
});

test('drums: generates a groove for a style and tempo, drawn on kit lanes', async ({ page }) => {
  test.setTimeout(180_000);
  await openStudio(page, 'music');
  await page.getByRole('tab', { name: 'Drums' }).click();
  await page.getByTestId('music-drum-style').selectOption('funk');
  await page.getByTestId('music-bars').fill('2');
  await page.getByTestId('music-variations').fill('2');
  await page.getByTestId('music-tempo').fill('96');
  await page.getByTestId('music-seed').fill('3');
  await page.getByTestId('music-seed').press('Tab');
  await page.keyboard.press('Control+Enter');
  const variations = page.getByRole('listbox', { name: 'Variations' }).getByRole('option');
  await expect(variations).toHaveCount(2, { timeout: 150_000 });
  await expect(page.getByTestId('music-error')).toHaveCount(0);
  expect((await rollPixels(page)).generated).toBeGreaterThan(100);
  const shown = await rollNotesPainted(page);
  expect(shown).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/music-drums.png' });

  const { name, midi } = await exportMidi(page);
  expect(name).toBe('drums-funk-96bpm-seed3-v1.mid');
  const notes = midi.tracks.flatMap((track) => track.notes);
  expect(notes).toHaveLength(shown);
  expect(midi.tracks.find((track) => track.notes.length > 0)!.channel).toBe(9);
});

test('continue: a picked primer is continued, primer and continuation both drawn', async ({ page }) => {
  test.setTimeout(180_000);
  await openStudio(page, 'music');
  await page.getByRole('tab', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: /^Generate/ })).toBeDisabled();
  await page.getByTestId('music-primer-file').setInputFiles(primerFile());
  await expect(page.getByTestId('music-primer-drop')).toContainText('primer-c-major.mid');
  await page.getByTestId('music-bars').fill('4');
  await page.getByTestId('music-variations').fill('2');
  await page.getByTestId('music-bars').press('Tab');
  await page.getByRole('button', { name: /^Generate/ }).click();
  const variations = page.getByRole('listbox', { name: 'Variations' }).getByRole('option');
  await expect(variations).toHaveCount(2, { timeout: 150_000 });
  await expect(page.getByTestId('music-error')).toHaveCount(0);
  const pixels = await rollPixels(page);
  expect(pixels.primer).toBeGreaterThan(100);
  expect(pixels.generated).toBeGreaterThan(50);
  await page.screenshot({ path: 'test-results/music-continued.png' });

  // The export holds the primer's 32 notes, then the continuation.
  const shown = await rollNotesPainted(page);
  const { midi } = await exportMidi(page);
  const notes = midi.tracks.flatMap((track) => track.notes).sort((a, b) => a.ticks - b.ticks);
  expect(notes).toHaveLength(shown);
  expect(shown).toBeGreaterThan(32);
  expect(notes[0]!.midi).toBe(60);
});

test('the command palette lists the Music commands', async ({ page }) => {
  await openStudio(page, 'music');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  for (const label of [
    'Generate music',
    'Play or stop the selected variation',
    'Export music as MIDI',
    'Music mode: Drums',
  ]) {
    await expect(palette.getByRole('option', { name: new RegExp(`^${label}( [A-Z]\\S*)?$`) })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
});

test('the Scale menu shows its longest mode name whole at 1280x800', async ({ page }) => {
  await openStudio(page, 'music');
  const scale = page.getByTestId('music-scale');
  // What each option needs: the same select at its natural width (Chromium sizes it to the longest option).
  const fit = await scale.evaluate((element) => {
    const select = element as HTMLSelectElement;
    const natural = select.cloneNode(true) as HTMLSelectElement;
    Object.assign(natural.style, { width: 'auto', minWidth: '0', maxWidth: 'none', position: 'absolute' });
    select.parentElement!.append(natural);
    const needed = natural.getBoundingClientRect().width;
    natural.remove();
    const longest = [...select.options].map((option) => option.text).sort((a, b) => b.length - a.length)[0]!;
    return { needed, shown: select.getBoundingClientRect().width, longest };
  });
  expect(fit.needed).toBeGreaterThan(60);
  expect(fit.shown).toBeGreaterThanOrEqual(fit.needed);
  // Still inside the parameters panel, beside the tonic, with the key lock in view.
  const panel = await page.locator('.music-controls').boundingBox();
  const box = (await scale.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(panel!.x + panel!.width);
  const lock = page.getByTestId('music-key-lock');
  await expect(lock).toHaveAttribute('aria-pressed', 'true');
  await lock.click();
  await expect(lock).toHaveAttribute('aria-pressed', 'false');
  await lock.click();
  await expect(page.getByLabel('Scale', { exact: true })).toHaveValue('minor');
  for (const name of ['phrygian', fit.longest]) {
    await scale.selectOption({ label: name });
    await page.screenshot({
      path: `test-results/music-scale-${name.replace(' ', '-')}.png`,
      clip: { x: panel!.x, y: panel!.y, width: panel!.width, height: 360 },
    });
  }
});
