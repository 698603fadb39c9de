// A dungeon generated over the HTTP API (as a game engine's script would) shows in the Studio's History as a dungeon:
// its map thumbnail and recipe, Regenerate exactly giving the same rooms, and Open (into the Dungeons workspace).
import { expect, test } from '@playwright/test';
import { e2eApiToken, openStudio, showWorkspace } from './studio-page.js';

test('lists a dungeon made over the API, draws its map and regenerates it exactly', async ({ page }) => {
  test.setTimeout(120_000);
  const response = await page.request.post('/v1/dungeons/generate', {
    data: { rooms: 12, keyLocks: 2, seed: 1 },
    headers: { authorization: `Bearer ${e2eApiToken}` },
    timeout: 90_000,
  });
  expect(response.ok()).toBe(true);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openStudio(page);
  await showWorkspace(page, 'history');
  await page.getByTestId('history-filter').getByRole('radio', { name: 'dungeon' }).click();
  // The filtered list replaces the whole one when its answer arrives: wait for it before counting.
  await expect(page.locator('[data-testid="history-item"]:not([data-kind="dungeon"])')).toHaveCount(0);
  const card = page.locator('[data-testid="history-item"][data-kind="dungeon"]').first();
  await expect(card).toBeVisible();
  await expect(card).toContainText('12 rooms, 2 keys');
  await expect(card.getByTestId('history-seed')).toHaveText('1');
  const thumbnail = card.getByTestId('history-thumbnail');
  await expect(thumbnail).toHaveAttribute('aria-label', 'Dungeon map thumbnail');
  // The map is drawn: walls and floor, not one flat colour.
  const colours = await thumbnail.evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return seen.size;
  });
  expect(colours).toBeGreaterThan(3);
  await expect(card.getByRole('button', { name: 'Open' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/history-dungeon.png' });
  const cards = page.getByTestId('history-item');
  const before = await cards.count();
  await card.getByRole('button', { name: 'Regenerate exactly' }).click();
  await expect(page.getByTestId('history-outcome')).toContainText('identical to this result', { timeout: 90_000 });
  // The filter shows dungeons only: the regenerated entry joins the others.
  await expect(cards).toHaveCount(before + 1);
  for (const kind of await cards.evaluateAll((items) => items.map((item) => item.getAttribute('data-kind'))))
    expect(kind).toBe('dungeon');
});
