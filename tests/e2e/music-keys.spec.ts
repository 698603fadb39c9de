// Keys in the Music workspace: a primer's key (a mode too) and tempo are offered, never imposed; a flat key is chosen and shown
// as spelled; the WAV export is loop-ready, with the release tail as its own option.
import { expect, test } from '@playwright/test';
import tonejs from '@tonejs/midi';
import { readFile } from 'node:fs/promises';
import { keyedMelodies } from '../unit/common/key-melodies.js';
import { openStudio } from './studio-page.js';

const { Midi } = tonejs;
const shots = process.env.MOSAIC_SHOTS ?? '/tmp/shots-music-engine';

/** Drunken Sailor, D dorian with its B natural, as the .mid a user would drop. */
function dorianPrimer(): { name: string; mimeType: string; buffer: Buffer } {
  const midi = new Midi();
  midi.header.setTempo(100);
  const track = midi.addTrack();
  const tune = keyedMelodies.find((known) => known.name.startsWith('Drunken Sailor'))!;
  for (const note of tune.notes)
    track.addNote({ midi: note.pitch, ticks: note.start, durationTicks: note.duration, velocity: 0.7 });
  return { name: 'drunken-sailor.mid', mimeType: 'audio/midi', buffer: Buffer.from(midi.toArray()) };
}

/** The WAV's frames from its own RIFF chunks. */
function wavSeconds(bytes: Buffer): number {
  let offset = 12;
  let rate = 0;
  let frameBytes = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      rate = bytes.readUInt32LE(offset + 12);
      frameBytes = bytes.readUInt16LE(offset + 20);
    } else if (id === 'data') return size / frameBytes / rate;
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

test('a D dorian primer is offered as D dorian and changes no key nor tempo until Use', async ({ page }) => {
  await openStudio(page, 'music');
  await page.getByTestId('music-tempo').fill('120');
  await page.getByTestId('music-tempo').press('Tab');
  await page.getByRole('tab', { name: 'Continue' }).click();
  await page.getByTestId('music-tonic').selectOption('E');
  await page.getByTestId('music-scale').selectOption('phrygian');
  await page.getByTestId('music-primer-file').setInputFiles(dorianPrimer());
  await expect(page.getByTestId('music-primer-drop')).toContainText('drunken-sailor.mid');
  const suggestion = page.getByTestId('music-key-suggestion');
  await expect(suggestion).toHaveText(/The primer looks like D dorian — use it\?/);
  await expect(page.getByTestId('music-tonic')).toHaveValue('E');
  await expect(page.getByTestId('music-scale')).toHaveValue('phrygian');
  const tempoSuggestion = page.getByTestId('music-tempo-suggestion');
  await expect(tempoSuggestion).toHaveText(/The primer is at 100 bpm — use it for every mode\?/);
  await expect(page.getByTestId('music-tempo')).toHaveValue('120');
  await page.screenshot({ path: `${shots}/key-suggestion.png` });
  // Generate keeps the chosen key and tempo too.
  await page.getByRole('tab', { name: 'Generate' }).click();
  await expect(page.getByTestId('music-scale')).toHaveValue('phrygian');
  await expect(page.getByTestId('music-tempo')).toHaveValue('120');
  await page.screenshot({ path: `${shots}/tempo-kept-in-generate.png` });
  await page.getByTestId('music-tempo-use').click();
  await expect(page.getByTestId('music-tempo')).toHaveValue('100');
  await expect(tempoSuggestion).toHaveCount(0);
  await page.getByTestId('music-key-use').click();
  await expect(page.getByTestId('music-tonic')).toHaveValue('D');
  await expect(page.getByTestId('music-scale')).toHaveValue('dorian');
  await expect(suggestion).toHaveCount(0);
});

test('a flat key is chosen, generated in and shown as spelled; WAV exports are loop-ready or with tail', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openStudio(page, 'music');
  await page.getByTestId('music-tonic').selectOption('Bb');
  await page.getByTestId('music-scale').selectOption('minor');
  await page.getByTestId('music-bars').fill('2');
  await page.getByTestId('music-variations').fill('1');
  await page.getByTestId('music-bars').press('Tab');
  await page.keyboard.press('Control+Enter');
  const variations = page.getByRole('listbox', { name: 'Variations' }).getByRole('option');
  await expect(variations).toHaveCount(1, { timeout: 180_000 });
  await expect(page.getByTestId('music-error')).toHaveCount(0);
  await expect(page.locator('.music-clip-facts')).toContainText('Bb minor · locked');
  await expect(page.getByTestId('music-tonic')).toHaveValue('Bb');
  await page.screenshot({ path: `${shots}/flat-key.png` });

  const tempo = Number(await page.getByTestId('music-tempo').inputValue());
  const clip = (2 * 4 * 60) / tempo;
  for (const [testId, suffix, seconds] of [
    ['music-export-wav', '.wav', clip],
    ['music-export-wav-tail', '-tail.wav', clip + 1],
  ] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByTestId(testId).getByRole('button').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^melody-Bb-minor-.*${suffix.replace('.', '\\.')}$`));
    expect(wavSeconds(await readFile((await download.path())!))).toBeCloseTo(seconds, 3);
  }
});
