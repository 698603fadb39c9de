// What the Studio keeps, refuses and claims: typed values outside their limits are shown as such; a reload brings back
// the last results of Music (the variations and the pick from History, the primer) but never an out-of-range value;
// the first-run install hint follows the models really installed.
import tonejs from '@tonejs/midi';
import { expect, test, type Page } from '@playwright/test';
import { e2eApiToken, openStudio, rollNotesPainted, showWorkspace } from './studio-page.js';

const { Midi } = tonejs;
const shots = process.env.MOSAIC_E2E_SHOTS ?? 'test-results';

/** Whether a model has an active version, over the HTTP API. */
async function installed(page: Page, name: string): Promise<boolean> {
  const response = await page.request.get('/v1/models/list', { headers: { authorization: `Bearer ${e2eApiToken}` } });
  const { models } = (await response.json()) as { models: { name: string; activeVersion: string | null }[] };
  return models.some((model) => model.name === name && model.activeVersion !== null);
}

function primerFile(): { name: string; mimeType: string; buffer: Buffer } {
  const midi = new Midi();
  const track = midi.addTrack();
  [62, 64, 65, 67, 69, 71, 72, 74].forEach((pitch, index) =>
    track.addNote({ midi: pitch, ticks: index * 480, durationTicks: 440, velocity: 0.7 }),
  );
  return { name: 'kept-primer.mid', mimeType: 'audio/midi', buffer: Buffer.from(midi.toArray()) };
}

test('an out-of-range value is shown with its limit, kept as typed, and Generate says why it waits', async ({
  page,
}) => {
  await openStudio(page, 'music');
  const generate = page.getByRole('button', { name: /^Generate/ });
  const bars = page.getByTestId('music-bars');
  await bars.fill('999');
  await bars.press('Tab');
  await expect(bars).toHaveValue('999');
  await expect(bars).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('music-bars-problem')).toHaveText('1–32 bars');
  await expect(generate).toBeDisabled();
  await expect(page.getByTestId('music-generate-hint')).toHaveText('Bars must be 1–32 bars');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('music-progress')).toHaveCount(0);

  const tempo = page.getByTestId('music-tempo');
  await tempo.fill('5000');
  await expect(page.getByTestId('music-tempo-problem')).toHaveText('30–300 bpm');
  await page.screenshot({ path: `${shots}/field-limits-music.png` });
  await tempo.press('Escape');
  await expect(tempo).toHaveValue('110');
  await bars.fill('12');
  await expect(bars).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByTestId('music-generate-hint')).toHaveCount(0);
  await expect(generate).toBeEnabled();
  // The last value typed out of range is not the one kept: a reload shows the last valid one.
  await bars.fill('999');
  await page.reload();
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  await expect(page.getByTestId('music-bars')).toHaveValue('12');

  await showWorkspace(page, 'levels');
  const width = page.getByTestId('level-width');
  await width.fill('5000');
  await width.press('Tab');
  await expect(page.getByTestId('level-width-problem')).toHaveText('16–1024 columns');
  await expect(page.getByTestId('level-generate-hint')).toHaveText('Width must be 16–1024 columns');
  await expect(page.getByRole('button', { name: /^Generate/ })).toBeDisabled();
  await page.screenshot({ path: `${shots}/field-limits-levels.png` });
  await width.fill('100');
  await expect(page.getByRole('button', { name: /^Generate/ })).toBeEnabled();
});

test('a reload brings back the variations shown, the pick and the primer', async ({ page }) => {
  // The first generate installs the bundled music model.
  test.setTimeout(240_000);
  await openStudio(page, 'music');
  await page.getByTestId('music-bars').fill('2');
  await page.getByTestId('music-variations').fill('3');
  await page.getByTestId('music-seed').fill('11');
  await page.getByTestId('music-bars').press('Tab');
  await page.getByRole('button', { name: /^Generate/ }).click();
  const variations = page.getByRole('listbox', { name: 'Variations' }).getByRole('option');
  await expect(variations).toHaveCount(3, { timeout: 180_000 });
  await variations.nth(2).click();
  const notes = await rollNotesPainted(page);

  await page.getByRole('tab', { name: 'Continue' }).click();
  await page.getByTestId('music-primer-file').setInputFiles(primerFile());
  await expect(page.getByTestId('music-primer-drop')).toContainText('kept-primer.mid');

  await page.reload();
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  await expect(page.getByTestId('music-primer-drop')).toContainText('kept-primer.mid');
  await page.getByRole('tab', { name: 'Generate' }).click();
  await expect(variations).toHaveCount(3);
  await expect(variations.nth(2)).toHaveAttribute('aria-selected', 'true');
  expect(await rollNotesPainted(page)).toBe(notes);
  await page.screenshot({ path: `${shots}/reload-restored.png` });
});

test('the first-run install hint shows only while the model it names is not installed', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page, 'music');
  const hint = page.getByTestId('music-install-hint');
  for (const [mode, model, kind] of [
    ['Drums', 'music-drums', 'drum'],
    ['Generate', 'music-melody', 'music'],
  ] as const) {
    await page.getByRole('tab', { name: mode }).click();
    if (!(await installed(page, model))) {
      await expect(hint).toHaveText(`The first run installs the ${kind} model, so it takes a moment longer.`);
      // Installed from elsewhere (the API, the CLI, the Models workspace): the hint goes without a reload.
      const response = await page.request.post('/v1/models/install', {
        data: { name: model, wait: true },
        headers: { authorization: `Bearer ${e2eApiToken}` },
      });
      expect(response.ok()).toBe(true);
    }
    await expect(hint).toHaveCount(0);
    await page.screenshot({ path: `${shots}/install-hint-${model}.png` });
  }
  await page.reload();
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  await expect(page.getByTestId('music-progress')).toHaveCount(0);
  await expect(hint).toHaveCount(0);
});
