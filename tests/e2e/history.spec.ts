// The History workspace end to end: a level and a melody generated in their workspaces appear with their recipes,
// regenerate exactly (the same tiles and notes, checked by the UI, over the API and on the canvases), and reopen.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { e2eApiToken, openStudio, rollNotesPainted, showWorkspace } from './studio-page.js';

/** A hash of a canvas's pixels, to tell whether two drawings are the same. */
async function canvasHash(canvas: Locator): Promise<string> {
  return canvas.evaluate(async (element) => {
    const canvas = element as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const digest = await crypto.subtle.digest('SHA-256', data);
    return `${canvas.width}x${canvas.height}:${[...new Uint8Array(digest)].map((byte) => byte.toString(16)).join('')}`;
  });
}

/** A history entry over the HTTP API, as a DAW script would read it. */
async function historyEntry(page: Page, id: string): Promise<{ run: { result: Record<string, unknown> } }> {
  const response = await page.request.post('/v1/history/get', {
    data: { id },
    headers: { authorization: `Bearer ${e2eApiToken}` },
  });
  expect(response.ok()).toBe(true);
  return response.json();
}

/** Shows History, regenerates its newest entry exactly and returns both entries' ids (original, regenerated). */
async function regenerateNewest(page: Page, kind: 'level' | 'music'): Promise<[string, string]> {
  await showWorkspace(page, 'history');
  const items = page.getByTestId('history-item');
  const newest = items.first();
  await expect(newest).toHaveAttribute('data-kind', kind);
  const original = (await newest.getAttribute('data-id'))!;
  const before = await items.count();
  await newest.getByRole('button', { name: 'Regenerate exactly' }).click();
  await expect(page.getByTestId('history-outcome')).toContainText('identical to this result', { timeout: 120_000 });
  await expect(items).toHaveCount(before + 1);
  const regenerated = (await items.first().getAttribute('data-id'))!;
  expect(regenerated).not.toBe(original);
  // The recipe shown: the same model, digest and seed.
  await expect(items.first().getByTestId('history-model')).toHaveText(
    (await page.locator(`[data-id="${original}"]`).getByTestId('history-model').textContent())!,
  );
  await expect(items.first().getByTestId('history-seed')).toHaveText(
    (await page.locator(`[data-id="${original}"]`).getByTestId('history-seed').textContent())!,
  );
  return [original, regenerated];
}

test('regenerates a level and a melody exactly from History and opens them again', async ({ page }) => {
  // The first generates install the bundled models.
  test.setTimeout(300_000);
  await openStudio(page);

  // A level, generated in the Levels workspace.
  await showWorkspace(page, 'levels');
  await page.getByTestId('level-seed').fill('23');
  await page.getByTestId('level-variations').fill('2');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('level-playable')).toBeVisible({ timeout: 120_000 });
  const levelDrawn = await canvasHash(page.getByTestId('level-canvas'));

  const [levelOriginal, levelAgain] = await regenerateNewest(page, 'level');
  const rowsOf = (entry: { run: { result: Record<string, unknown> } }) =>
    (entry.run.result.levels as { rows: string[] }[]).map((level) => level.rows);
  const levelRows = rowsOf(await historyEntry(page, levelOriginal));
  expect(levelRows).toHaveLength(2);
  expect(rowsOf(await historyEntry(page, levelAgain))).toEqual(levelRows);
  const thumbnails = page.getByTestId('history-thumbnail');
  expect(await canvasHash(thumbnails.nth(0))).toBe(await canvasHash(thumbnails.nth(1)));
  await page.screenshot({ path: 'test-results/history-level.png' });

  // Open the regenerated one: the Levels workspace draws the same level.
  await page.getByTestId('history-item').first().getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('workspace-levels')).toBeVisible();
  await expect.poll(() => canvasHash(page.getByTestId('level-canvas'))).toBe(levelDrawn);

  // A melody, generated in the Music workspace.
  await showWorkspace(page, 'music');
  await page.getByRole('tab', { name: 'Generate' }).click();
  await page.getByTestId('music-bars').fill('2');
  await page.getByTestId('music-variations').fill('2');
  await page.getByTestId('music-seed').fill('5');
  await page.getByTestId('music-tonic').selectOption('Bb');
  await page.getByTestId('music-scale').selectOption('minor');
  await page.getByTestId('music-bars').press('Tab');
  await page.keyboard.press('Control+Enter');
  const variations = page.getByRole('listbox', { name: 'Variations' }).getByRole('option');
  await expect(variations).toHaveCount(2, { timeout: 180_000 });
  const notesShown = String(await rollNotesPainted(page));

  const [musicOriginal, musicAgain] = await regenerateNewest(page, 'music');
  // The key in the recipe reads as the app names keys, in the spelling chosen, not as its stored fields.
  const parameters = page.locator(`[data-id="${musicOriginal}"]`).getByTestId('history-parameters');
  await expect(parameters).toContainText('key: Bb minor');
  await expect(parameters).not.toContainText('tonic');
  const notesOf = (entry: { run: { result: Record<string, unknown> } }) =>
    (entry.run.result.variations as { notes: unknown[] }[]).map((variation) => variation.notes);
  const notes = notesOf(await historyEntry(page, musicOriginal));
  expect(notes[0]!.length).toBeGreaterThan(0);
  expect(notesOf(await historyEntry(page, musicAgain))).toEqual(notes);
  await page.screenshot({ path: 'test-results/history-music.png' });

  await page.getByTestId('history-item').first().getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('workspace-music')).toBeVisible();
  await expect(page.getByTestId('music-roll')).toHaveAttribute('data-notes', notesShown);
});

test('lists queued and running jobs with progress and cancel', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page);
  await page.keyboard.press('Control+2');
  await page.getByTestId('level-variations').fill('8');
  await page.getByTestId('level-width').fill('1024');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.press('Control+4');
  const running = page.getByRole('list', { name: 'Queued and running jobs' }).getByTestId('job-row');
  await expect(running.first()).toBeVisible({ timeout: 30_000 });
  await expect(running.first().getByRole('progressbar')).toBeVisible();
  await running
    .first()
    .getByRole('button', { name: /^Cancel/ })
    .click();
  await expect(running).toHaveCount(0, { timeout: 30_000 });
  await expect(
    page.getByRole('list', { name: 'Recently finished jobs' }).getByTestId('job-row').first(),
  ).toHaveAttribute('data-state', 'cancelled');
});
