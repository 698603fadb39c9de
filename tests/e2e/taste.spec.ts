// Taste, end to end: in Music, stars and discards (✕ and X) teach the taste model; "For you" (off until there is
// feedback) then orders the variations as taste.rank does, best first, with a why popover, and stays on over a reload;
// Levels gets the same strip controls; Settings → Taste turns it off and on and resets it. Screenshots at 1440×900
// go to /tmp/shots-taste/.
import { expect, test, type Page, type Response } from '@playwright/test';
import type { LevelRun, MusicRun, ResponseOf } from '../../contract/index.js';
import { e2eApiToken, openStudio, showWorkspace } from './studio-page.js';

const shots = '/tmp/shots-taste';
test.use({ viewport: { width: 1440, height: 900 } });
const auth = { authorization: `Bearer ${e2eApiToken}` };

async function runOf<Run>(response: Response): Promise<Run> {
  expect(response.ok()).toBe(true);
  return (await response.json()) as Run;
}

async function api<T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response =
    method === 'GET'
      ? await page.request.get(path, { headers: auth })
      : await page.request.post(path, { headers: auth, data: body ?? {} });
  expect(response.ok(), path).toBe(true);
  return (await response.json()) as T;
}

/** The generated index of each Music card, top to bottom (from the card's id). */
async function musicCardOrder(page: Page): Promise<number[]> {
  const ids = await page
    .getByTestId('music-variations-list')
    .getByRole('option')
    .evaluateAll((cards) => cards.map((card) => card.id));
  return ids.map((id) => Number(id.replace('music-variation-', '')));
}

test('Music learns from stars and discards, orders For you as taste.rank does, and explains why', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page, 'music');
  // Other specs on this data folder star music too: start from nothing learnt, with taste on.
  await api(page, 'POST', '/v1/taste/configure', { enabled: true });
  await api(page, 'POST', '/v1/taste/reset');
  await page.reload();
  await showWorkspace(page, 'music');

  await page.getByTestId('music-bars').fill('4');
  await page.getByTestId('music-variations').fill('8');
  await page.getByTestId('music-seed').fill('41');
  const generated = page.waitForResponse((response) => response.url().endsWith('/v1/music/generate'));
  await page.keyboard.press('Control+Enter');
  const run = await runOf<MusicRun>(await generated);
  const cards = page.getByTestId('music-variations-list').getByRole('option');
  await expect(cards).toHaveCount(8);
  const forYou = page.getByTestId('music-for-you');
  await expect(forYou).toBeDisabled();
  expect(await musicCardOrder(page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

  // Keep the two densest (stars), discard the two sparsest (✕ on a card, and X on the picked one).
  const byDensity = run.result.variations
    .map((variation, index) => ({ index, notes: variation.notes.length }))
    .sort((a, b) => b.notes - a.notes || a.index - b.index)
    .map((row) => row.index);
  const feedback = () => page.waitForResponse((response) => response.url().endsWith('/v1/taste/feedback')).then(runOf);
  for (const index of byDensity.slice(0, 2)) {
    const sent = feedback();
    await page.getByTestId(`music-keep-${index}`).click();
    await sent;
  }
  const sparsest = byDensity[7]!;
  let sent = feedback();
  await cards.nth(sparsest).getByTestId('taste-discard').click();
  await sent;
  await expect(cards.nth(sparsest)).toHaveClass(/taste-dimmed/);
  const nextSparsest = byDensity[6]!;
  await cards.nth(nextSparsest).click();
  sent = feedback();
  await page.keyboard.press('x');
  await sent;
  await expect(cards.nth(nextSparsest).getByTestId('taste-discard')).toHaveAttribute('aria-pressed', 'true');

  // Signals the user gives anyway: a MIDI export of the picked variation, and a clip played to its end.
  const densest = byDensity[0]!;
  await cards.nth(densest).click();
  const exported = page.waitForResponse((response) => response.url().endsWith('/v1/taste/feedback'));
  await page.getByTestId('music-export-mid').getByRole('button').click();
  expect((await exported).request().postDataJSON()).toEqual({ jobId: run.jobId, variation: densest, signal: 'export' });
  const played = page.waitForResponse((response) => response.url().endsWith('/v1/taste/feedback'));
  await page.keyboard.press('Space');
  await expect(page.getByTestId('music-audio')).toHaveJSProperty('paused', false, { timeout: 20_000 });
  // The clip's end, without waiting its 8 s out: the audio element reports it ended.
  await page.getByTestId('music-audio').evaluate((audio) => audio.dispatchEvent(new Event('ended')));
  expect((await played).request().postDataJSON()).toEqual({ jobId: run.jobId, variation: densest, signal: 'play' });

  // "For you" is offered now, and orders the strip as taste.rank ranks the run.
  await expect(forYou).toBeEnabled();
  await forYou.click();
  await expect(forYou).toHaveAttribute('aria-pressed', 'true');
  const ranked = await api<ResponseOf<'taste.rank'>>(page, 'POST', '/v1/taste/rank', { jobId: run.jobId });
  expect(ranked.fitted).toBe(true);
  await expect.poll(() => musicCardOrder(page)).toEqual(ranked.ranked.map((row) => row.variation));
  // What was kept ranks above what was discarded.
  const order = await musicCardOrder(page);
  for (const kept of byDensity.slice(0, 2))
    for (const discarded of [sparsest, nextSparsest])
      expect(order.indexOf(kept)).toBeLessThan(order.indexOf(discarded));

  // ] steps through the cards as shown: from the first to the second.
  const card = (generated: number) => page.locator(`#music-variation-${generated}`);
  await card(order[0]!).click();
  await page.keyboard.press(']');
  await expect(card(order[1]!)).toHaveAttribute('aria-selected', 'true');
  await expect(cards.nth(1)).toHaveAttribute('aria-selected', 'true');

  // Why: the first card's popover lists the features that weighed most, with their shares.
  const first = page.getByTestId('music-variations-list').getByRole('option').first();
  await first.getByTestId('taste-why').click();
  const popover = page.getByTestId('taste-why-popover');
  await expect(popover).toBeVisible();
  await expect(popover.getByRole('listitem')).toHaveCount(ranked.ranked[0]!.why.length);
  await page.screenshot({ path: `${shots}/01-music-for-you-why.png` });
  await page.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);

  // The palette reaches every taste command.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('taste');
  for (const label of [/^Discard the variation picked/, /^Reset taste/, /^Turn taste ranking off/])
    await expect(palette.getByRole('option', { name: label })).toBeVisible();
  await page.keyboard.press('Escape');

  // Over a reload: For you stays on, the order with it.
  await page.reload();
  await showWorkspace(page, 'music');
  await expect(page.getByTestId('music-for-you')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => musicCardOrder(page)).toEqual(ranked.ranked.map((row) => row.variation));
  // O turns it off: generated order again.
  await page.getByTestId('music-variations-list').focus();
  await page.keyboard.press('o');
  await expect(page.getByTestId('music-for-you')).toHaveAttribute('aria-pressed', 'false');
  expect(await musicCardOrder(page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  await page.keyboard.press('o');

  // Settings → Taste: what it learnt; off hides "For you"; reset forgets.
  await page.keyboard.press('Control+,');
  const settings = page.getByTestId('taste-settings');
  await expect(settings.getByTestId('taste-learnt')).toContainText('Melodies: 6 signals on 1 run');
  await settings.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/02-settings-taste.png` });
  // A controlled checkbox: it follows taste.configure's answer.
  await settings.getByTestId('taste-enabled').click();
  await expect(settings.getByTestId('taste-enabled')).not.toBeChecked();
  await expect.poll(async () => (await api<{ enabled: boolean }>(page, 'GET', '/v1/taste/status')).enabled).toBe(false);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('music-for-you')).toBeDisabled();
  await expect(page.getByTestId('taste-discard')).toHaveCount(0);
  await page.keyboard.press('Control+,');
  await settings.getByTestId('taste-enabled').click();
  await expect(settings.getByTestId('taste-enabled')).toBeChecked();
  await settings.getByTestId('taste-reset').click();
  await settings.getByTestId('taste-reset-confirm').click();
  await expect(settings.getByTestId('taste-learnt')).toHaveText('Nothing learnt yet.');
  const status = await api<ResponseOf<'taste.status'>>(page, 'GET', '/v1/taste/status');
  expect(status.enabled).toBe(true);
  expect(status.kinds.every((kind) => kind.events === 0)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('music-for-you')).toBeDisabled();
});

test('Levels: a star and a discard make For you available on the strip, with why', async ({ page }) => {
  test.setTimeout(120_000);
  await openStudio(page, 'levels');
  await api(page, 'POST', '/v1/taste/configure', { enabled: true });
  await api(page, 'POST', '/v1/taste/reset');
  await page.reload();
  await showWorkspace(page, 'levels');
  await page.getByTestId('level-seed').fill('51');
  await page.getByTestId('level-variations').fill('4');
  const generated = page.waitForResponse((response) => response.url().endsWith('/v1/levels/generate'));
  await page.keyboard.press('Control+Enter');
  const run = await runOf<LevelRun>(await generated);
  const strip = page.getByTestId('level-variations-strip');
  await expect(strip.getByRole('option')).toHaveCount(4);
  await expect(page.getByTestId('levels-for-you')).toBeDisabled();

  // F stars the level shown (the first); ✕ discards the third.
  let sent = page.waitForResponse((response) => response.url().endsWith('/v1/taste/feedback'));
  await page.getByTestId('level-scroller').focus();
  await page.keyboard.press('f');
  await sent;
  sent = page.waitForResponse((response) => response.url().endsWith('/v1/taste/feedback'));
  await strip.getByTestId('taste-discard').nth(2).click();
  await sent;
  await page.getByTestId('levels-for-you').click();
  const ranked = await api<ResponseOf<'taste.rank'>>(page, 'POST', '/v1/taste/rank', { jobId: run.jobId });
  const titles = () =>
    strip
      .getByRole('option')
      .evaluateAll((options) =>
        options.map((option) => Number(/\d+/.exec(option.getAttribute('title') ?? '')![0]) - 1),
      );
  await expect.poll(titles).toEqual(ranked.ranked.map((row) => row.variation));
  expect((await titles()).indexOf(0)).toBeLessThan((await titles()).indexOf(2));
  await strip.getByTestId('taste-why').first().click();
  await expect(page.getByTestId('taste-why-popover')).toBeVisible();
  await page.screenshot({ path: `${shots}/03-levels-for-you-why.png` });
  await page.keyboard.press('Escape');
  await api(page, 'POST', '/v1/taste/reset');
});
