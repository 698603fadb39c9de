// Keep / star, end to end: stars on Arrange and Music variations by mouse and by F, kept over a reload (main holds them
// in History); History shows arranged songs with lane thumbnails and their stars, filters to the kept ones, unstars
// from a card, and reopens a song into Arrange. Screenshots at 1440×900 go to /tmp/shots-keep/.
import { expect, test, type Page, type Response } from '@playwright/test';
import type { ArrangeRun, HistoryItem } from '../../contract/index.js';
import { e2eApiToken, openStudio, showWorkspace } from './studio-page.js';

const shots = '/tmp/shots-keep';
test.use({ viewport: { width: 1440, height: 900 } });

async function runOf(response: Response): Promise<ArrangeRun> {
  expect(response.ok()).toBe(true);
  return (await response.json()) as ArrangeRun;
}

/** The History entry a run made, read from the API as another client would. */
async function entryOf(page: Page, jobId: string): Promise<HistoryItem> {
  const response = await page.request.get('/v1/history/list?limit=500', {
    headers: { authorization: `Bearer ${e2eApiToken}` },
  });
  const { items } = (await response.json()) as { items: HistoryItem[] };
  const item = items.find((candidate) => candidate.jobId === jobId);
  expect(item, `history entry of ${jobId}`).toBeDefined();
  return item!;
}

test('stars Arrange variations by mouse and F, keeps them over a reload, and History marks and filters them', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openStudio(page, 'arrange');
  await page.getByTestId('arrange-bars').fill('4');
  await page.getByTestId('arrange-variations').fill('3');
  await page.getByTestId('arrange-seed').fill('31');
  const arranged = page.waitForResponse((response) => response.url().endsWith('/v1/music/arrange'));
  await page.keyboard.press('Control+Enter');
  const run = await runOf(await arranged);
  await expect(page.getByRole('listbox', { name: 'Song variations' }).getByRole('option')).toHaveCount(3);

  // Mouse: the star on variation 3 stars it without picking it.
  const star = (index: number) => page.getByTestId(`arrange-keep-${index}`);
  await star(2).click();
  await expect(star(2)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('option', { name: /^1/ }).first()).toHaveAttribute('aria-selected', 'true');
  // Keyboard: F stars the variation shown (the first), from the lanes.
  await page.getByTestId('arrange-canvas').focus();
  await page.keyboard.press('f');
  await expect(star(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(star(1)).toHaveAttribute('aria-pressed', 'false');
  expect(await entryOf(page, run.jobId)).toMatchObject({ kind: 'song', kept: true, keptVariations: [0, 2] });
  await page.screenshot({ path: `${shots}/01-arrange-stars.png` });

  // The palette lists the command with its key.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('keep');
  await expect(palette.getByRole('option', { name: /Keep \(star\) the variation shown/ })).toContainText('F');
  await page.keyboard.press('Escape');

  // Main holds the stars: a reload shows them again.
  await page.reload();
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  await expect(star(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(star(2)).toHaveAttribute('aria-pressed', 'true');

  // History: the song with its lanes and stars; the kept filter; unstarring from the card.
  await showWorkspace(page, 'history');
  const card = page.locator(`[data-testid="history-item"][data-id="${(await entryOf(page, run.jobId)).id}"]`);
  await expect(card).toHaveAttribute('data-kind', 'song');
  await expect(card).toHaveAttribute('data-kept', 'true');
  await expect(card.getByTestId('history-thumbnail')).toHaveAttribute('data-lanes', 'melody,chords,bass,drums');
  await expect(card.getByTestId('history-kept-variations')).toHaveText('★ variation 1, 3');
  await page.screenshot({ path: `${shots}/02-history-kept.png` });
  await page.getByTestId('history-filter').getByRole('radio', { name: 'kept' }).click();
  const listed = page.getByTestId('history-item');
  // The filtered list replaces the whole one when its answer arrives: wait for it before reading the marks.
  await expect(page.locator('[data-testid="history-item"]:not([data-kept="true"])')).toHaveCount(0);
  await expect(listed.first()).toBeVisible();
  for (const kept of await listed.evaluateAll((items) => items.map((item) => item.getAttribute('data-kept'))))
    expect(kept).toBe('true');
  await expect(card).toBeVisible();
  await page.screenshot({ path: `${shots}/03-history-kept-filter.png` });
  await card.getByTestId('history-keep').click();
  await expect(card).toHaveCount(0);
  expect((await entryOf(page, run.jobId)).kept).toBeUndefined();

  // Back in Arrange the stars are gone too.
  await showWorkspace(page, 'arrange');
  await expect(star(0)).toHaveAttribute('aria-pressed', 'false');
  await expect(star(2)).toHaveAttribute('aria-pressed', 'false');
});

test('History shows arranged runs as songs with lane thumbnails and reopens one into Arrange', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page, 'arrange');
  await page.getByTestId('arrange-bars').fill('4');
  await page.getByTestId('arrange-variations').fill('1');
  const arranged = page.waitForResponse((response) => response.url().endsWith('/v1/music/arrange'));
  await page.keyboard.press('Control+Enter');
  const run = await runOf(await arranged);
  await expect(page.getByTestId('arrange-run-facts')).toBeVisible();
  // Harmonize it too: a second song entry, made by another verb.
  const harmonized = page.waitForResponse((response) => response.url().endsWith('/v1/music/harmonize'));
  await page.keyboard.press('Alt+h');
  const harmony = await runOf(await harmonized);

  await showWorkspace(page, 'history');
  await page.getByTestId('history-filter').getByRole('radio', { name: 'song' }).click();
  const songs = page.getByTestId('history-item');
  // The filtered list replaces the whole one when its answer arrives: wait for it before reading the kinds.
  await expect(page.locator('[data-testid="history-item"]:not([data-kind="song"])')).toHaveCount(0);
  await expect(songs.first()).toBeVisible();
  for (const kind of await songs.evaluateAll((items) => items.map((item) => item.getAttribute('data-kind'))))
    expect(kind).toBe('song');
  const harmonyEntry = await entryOf(page, harmony.jobId);
  const harmonyCard = page.locator(`[data-id="${harmonyEntry.id}"]`);
  await expect(harmonyCard.locator('.history-heading strong')).toHaveText(/^Harmonized: 4 bars of pop/);
  await expect(harmonyCard.getByTestId('history-parameters')).toContainText('add: chords, bass');
  // The thumbnail draws each lane in its colour: coloured pixels in the top (melody) and bottom (bass) quarters.
  const thumbnail = page.locator(`[data-id="${(await entryOf(page, run.jobId)).id}"]`).getByTestId('history-thumbnail');
  const coloured = await thumbnail.evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const context = canvas.getContext('2d')!;
    const quarter = canvas.height / 4;
    return [0, 1, 2, 3].map((lane) => {
      const { data } = context.getImageData(0, Math.round(lane * quarter), canvas.width, Math.floor(quarter));
      let count = 0;
      for (let offset = 0; offset < data.length; offset += 4)
        if (
          Math.max(data[offset]!, data[offset + 1]!, data[offset + 2]!) -
            Math.min(data[offset]!, data[offset + 1]!, data[offset + 2]!) >
          30
        )
          count += 1;
      return count;
    });
  });
  for (const [lane, count] of coloured.entries()) expect(count, `lane ${lane} pixels`).toBeGreaterThan(0);
  await page.screenshot({ path: `${shots}/04-history-songs.png` });
  // A star on a History card keeps the whole entry; the list of all kinds shows it marked.
  await harmonyCard.getByTestId('history-keep').click();
  await expect(harmonyCard).toHaveAttribute('data-kept', 'true');
  expect((await entryOf(page, harmony.jobId)).kept).toBe(true);
  await page.getByTestId('history-filter').getByRole('radio', { name: 'all' }).click();
  await expect(page.locator(`[data-id="${harmonyEntry.id}"]`)).toHaveAttribute('data-kept', 'true');
  await page.screenshot({ path: `${shots}/07-history-all-kept.png` });

  // Reopen the first song: Arrange shows it, said where it came from.
  await page
    .locator(`[data-id="${(await entryOf(page, run.jobId)).id}"]`)
    .getByRole('button', { name: 'Open' })
    .click();
  await expect(page.getByTestId('workspace-arrange')).toBeVisible();
  await expect(page.getByText(/From History: 4 bars of pop/)).toBeVisible();
  const shown = await page.getByTestId('arrange-canvas').getAttribute('data-notes');
  const counts = JSON.parse(shown!) as Record<string, number>;
  for (const track of run.result.variations[0]!.tracks)
    expect(counts[track.track], track.track).toBe(track.notes.length);
  await page.screenshot({ path: `${shots}/05-reopened.png` });
});

test('stars a Music variation with F; its History entry is kept', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page, 'music');
  const generated = page.waitForResponse((response) => response.url().endsWith('/v1/music/generate'));
  await page.keyboard.press('Control+Enter');
  const response = await generated;
  expect(response.ok()).toBe(true);
  const { jobId } = (await response.json()) as { jobId: string };
  await expect(page.getByTestId('music-keep-0')).toBeVisible();
  await page.getByTestId('music-variations-list').focus();
  await page.keyboard.press('f');
  await expect(page.getByTestId('music-keep-0')).toHaveAttribute('aria-pressed', 'true');
  expect(await entryOf(page, jobId)).toMatchObject({ kind: 'music', kept: true, keptVariations: [0] });
  await page.screenshot({ path: `${shots}/06-music-star.png` });
});

test('stars the level shown with F; the strip marks it and its History entry is kept', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page, 'levels');
  const generated = page.waitForResponse((response) => response.url().endsWith('/v1/levels/generate'));
  await page.keyboard.press('Control+Enter');
  const response = await generated;
  expect(response.ok()).toBe(true);
  const { jobId } = (await response.json()) as { jobId: string };
  const star = page.getByTestId('level-keep');
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await page.locator('body').press('f');
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('level-kept-mark')).toHaveCount(1);
  expect(await entryOf(page, jobId)).toMatchObject({ kind: 'level', kept: true, keptVariations: [0] });
  await page.screenshot({ path: `${shots}/08-level-star.png` });
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('level-kept-mark')).toHaveCount(0);
});
