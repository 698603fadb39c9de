// The Levels workspace end to end: generate from the UI, see the level drawn, regenerate a region, export a Tiled map;
// a free-text prompt read as MarioGPT attributes, fit-to-width zoom, and every variation exported as LDtk at once.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { openStudio } from './studio-page.js';

/** Colours drawn on the level canvas: how many distinct ones, and how many pixels are pure white (the agent's path). */
async function canvasColours(page: Page): Promise<{ distinct: number; white: number; total: number }> {
  return page.getByTestId('level-canvas').evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<number>();
    let white = 0;
    for (let offset = 0; offset < data.length; offset += 4) {
      seen.add((data[offset]! << 16) | (data[offset + 1]! << 8) | data[offset + 2]!);
      if (data[offset] === 255 && data[offset + 1] === 255 && data[offset + 2] === 255) white += 1;
    }
    return { distinct: seen.size, white, total: data.length / 4 };
  });
}

test('generates levels from the prompt, draws them, regenerates a region and exports a Tiled map', async ({ page }) => {
  // The first generate installs the bundled level model.
  test.setTimeout(180_000);
  await openStudio(page, 'levels');

  await page.getByRole('radiogroup', { name: 'Pipes' }).getByRole('radio', { name: 'some' }).click();
  await page.getByRole('radiogroup', { name: 'Elevation' }).getByRole('radio', { name: 'high' }).click();
  await page.getByTestId('level-seed').fill('11');
  await page.getByTestId('level-variations').fill('4');
  await expect(page.getByTestId('level-prompt-text')).toHaveText(
    'some pipes, some enemies, little blocks, high elevation',
  );

  // Every frame of the progress shows one figure: the percent in the text is where the bar's fill is drawn.
  await page.evaluate(() => {
    const samples: { text: number; drawn: number; aria: number }[] = [];
    (window as unknown as { progressSamples: typeof samples }).progressSamples = samples;
    new MutationObserver(() => {
      const box = document.querySelector('[data-testid="level-progress"]');
      const text = /(\d+)%/.exec(box?.querySelector('.level-progress-line span')?.textContent ?? '')?.[1];
      const bar = box?.querySelector<HTMLElement>('[role="progressbar"]');
      const fill = bar?.querySelector<HTMLElement>('.progress-fill');
      if (!text || !bar || !fill) return;
      const drawn = (100 * fill.getBoundingClientRect().width) / bar.getBoundingClientRect().width;
      samples.push({ text: Number(text), drawn, aria: Number(bar.getAttribute('aria-valuenow')) });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('level-playable')).toHaveText('Playable', { timeout: 120_000 });
  const samples = await page.evaluate(
    () => (window as unknown as { progressSamples: { text: number; drawn: number; aria: number }[] }).progressSamples,
  );
  expect(samples.length).toBeGreaterThan(0);
  for (const sample of samples) {
    expect(sample.aria).toBe(sample.text);
    expect(Math.abs(sample.drawn - sample.text)).toBeLessThanOrEqual(1);
  }
  await expect(page.getByTestId('level-variations-strip').getByRole('option')).toHaveCount(4);

  // The level is drawn: sky, tiles of many colours, and the agent's white path.
  // The canvas paints after React commits the level, so the first read waits for the paint.
  await expect.poll(async () => (await canvasColours(page)).distinct).toBeGreaterThan(12);
  const drawn = await canvasColours(page);
  expect(drawn.white).toBeGreaterThan(50);
  await page.screenshot({ path: 'test-results/levels-generated.png' });

  // Pick a variation from the keyboard.
  await page.keyboard.press('2');
  await expect(page.getByTestId('level-variations-strip').getByRole('option').nth(1)).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // Select columns 10–19 by dragging across the canvas, then regenerate them.
  const canvas = page.getByTestId('level-canvas');
  const box = (await canvas.boundingBox())!;
  const cell = (box.height - 22) / 14;
  const y = box.y + 22 + 7 * cell;
  await page.mouse.move(box.x + 10.5 * cell, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 15 * cell, y, { steps: 4 });
  await page.mouse.move(box.x + 19.5 * cell, y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('level-selection')).toHaveText('Columns 10–19 selected');
  await page.screenshot({ path: 'test-results/levels-selection.png' });

  const undo = page.getByRole('button', { name: /^Undo/ });
  await expect(undo).toBeDisabled();
  await page.getByRole('button', { name: /^Regenerate region/ }).click();
  await expect(undo).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('level-playable')).toHaveText('Playable');
  await expect(page.getByTestId('level-error')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/levels-regenerated.png' });

  // Undo puts the previous columns back; redo the region from the keyboard.
  await page.keyboard.press('Control+z');
  await expect(undo).toBeDisabled();
  await page.keyboard.press('Control+Shift+Enter');
  await expect(undo).toBeEnabled({ timeout: 60_000 });

  // A selection belongs to its variation: on another one nothing is selected and Regenerate is off.
  const regenerate = page.getByRole('button', { name: /^Regenerate region/ });
  await page.keyboard.press('1');
  await expect(page.getByTestId('level-selection')).toHaveText(/^Drag across the level/);
  await expect(regenerate).toBeDisabled();
  await page.screenshot({ path: '/tmp/shots-levels/other-variation.png' });
  await page.keyboard.press('2');

  // Fit width shows every column of the 100-column level.
  const scroller = page.getByTestId('level-scroller');
  const overflows = () => scroller.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
  expect(await overflows()).toBe(true);
  await page.getByRole('button', { name: 'Fit width' }).click();
  await expect.poll(overflows).toBe(false);
  await page.screenshot({ path: '/tmp/shots-levels/fit-width.png' });
  await page.getByTitle("Fit the level's height (0)").click();
  await expect.poll(overflows).toBe(true);

  // Export a Tiled map and check it against the format.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('level-export-tmj').getByRole('button').click(),
  ]);
  expect(download.suggestedFilename()).toBe('some-pipes-some-enemies-little-blocks-high-elevation-seed11-v2.tmj');
  const map = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    type: string;
    orientation: string;
    width: number;
    height: number;
    layers: { type: string; width?: number; height?: number; data?: number[] }[];
    tilesets: { firstgid: number; source?: string }[];
    properties?: { name: string; value: unknown }[];
  };
  expect(map).toMatchObject({ type: 'map', orientation: 'orthogonal', width: 100, height: 14 });
  const tiles = map.layers.find((layer) => layer.type === 'tilelayer')!;
  expect(tiles).toMatchObject({ width: 100, height: 14 });
  expect(tiles.data).toHaveLength(100 * 14);
  expect(map.tilesets[0]).toMatchObject({ firstgid: 1, source: expect.stringMatching(/\.tsj$/) });
  const properties = Object.fromEntries((map.properties ?? []).map(({ name, value }) => [name, value]));
  expect(properties).toMatchObject({
    model: 'level-platformer@1.0.0',
    prompt: 'some pipes, some enemies, little blocks, high elevation',
    seed: 11,
  });
  expect(properties.digest).toMatch(/^[0-9a-f]{64}$/);
  await page.screenshot({ path: 'test-results/levels-exported.png' });

  // The keyboard scrolls to the end of the level, where the goal is.
  await page.getByTestId('level-scroller').focus();
  await page.keyboard.press('End');
  await page.screenshot({ path: 'test-results/levels-goal.png' });

  // The prompt settings survive a reload, and so do the levels on screen: variation 2, with its region edit.
  const before = await canvasColours(page);
  await page.reload();
  await expect(page.getByTestId('level-playable')).toHaveText('Playable', { timeout: 30_000 });
  await expect(page.getByTestId('level-variations-strip').getByRole('option')).toHaveCount(4);
  await expect(page.getByTestId('level-variations-strip').getByRole('option').nth(1)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled();
  await page.getByTestId('level-scroller').focus();
  await page.keyboard.press('End');
  await expect.poll(async () => (await canvasColours(page)).white).toBe(before.white);
  await page.screenshot({ path: '/tmp/shots-levels/after-reload.png' });
  await expect(page.getByRole('radiogroup', { name: 'Pipes' }).getByRole('radio', { name: 'some' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(page.getByTestId('level-seed')).toHaveValue('11');
});

test('the command palette lists the Levels commands', async ({ page }) => {
  await openStudio(page, 'levels');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  for (const label of [
    'Generate levels',
    'Regenerate selected columns',
    'Export level as Tiled map',
    'Export level as LDtk project',
    'Export all variations as LDtk projects',
    'Export all variations as PNGs',
    'New level seed',
  ]) {
    await expect(palette.getByRole('option', { name: new RegExp(label) })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
});

test('reads a free-text prompt, fits the level to the width, and exports every variation as LDtk at once', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openStudio(page, 'levels');

  // The words set the controls they name and say how they were understood; the rest is listed as not understood.
  const words = page.getByTestId('level-prompt-words');
  await words.fill('A castle with many pipes, no enemies and high elevation');
  await expect(page.getByTestId('level-understood-chip')).toHaveText([
    'Pipes: many',
    'Enemies: none',
    'Elevation: high',
  ]);
  await expect(page.getByTestId('level-ignored-words')).toHaveText('not understood: a castle with and');
  const radio = (group: string, name: string) =>
    page.getByRole('radiogroup', { name: group }).getByRole('radio', { name, exact: true });
  await expect(radio('Pipes', 'many')).toHaveAttribute('aria-checked', 'true');
  await expect(radio('Enemies', 'none')).toHaveAttribute('aria-checked', 'true');
  await expect(radio('Elevation', 'high')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('level-prompt-text')).toHaveText(
    'many pipes, none enemies, little blocks, high elevation',
  );
  // A control changed by hand afterwards wins; the chip it overrides is shown struck through.
  await radio('Pipes', 'some').click();
  await expect(page.getByTestId('level-understood-chip').first()).toHaveClass(/level-chip-stale/);
  await radio('Pipes', 'many').click();
  await expect(page.getByTestId('level-understood-chip').first()).not.toHaveClass(/level-chip-stale/);
  await expect(page.getByTestId('level-height')).toHaveText('14 rows');

  await page.getByTestId('level-width').fill('120');
  await page.getByTestId('level-variations').fill('3');
  await page.getByTestId('level-seed').fill('21');
  // Enter in the prompt field generates.
  await words.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('level-progress').getByRole('progressbar')).toBeVisible();
  await expect(page.getByTestId('level-playable')).toHaveText('Playable', { timeout: 120_000 });
  await expect(page.getByTestId('level-variations-strip').getByRole('option')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/levels-prompt-words.png' });

  // W fits the level's 120 columns across the stage (from anywhere in the workspace but a text field); 0 goes back to
  // fitting the height.
  const scroller = page.getByTestId('level-scroller');
  const overflows = () => scroller.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
  expect(await overflows()).toBe(true);
  await words.focus();
  await page.keyboard.press('w'); // typed, not a zoom
  await expect(words).toHaveValue(/elevationw$/);
  expect(await overflows()).toBe(true);
  await page.keyboard.press('Backspace');
  await page.getByRole('heading', { name: 'Levels' }).click();
  await page.keyboard.press('w');
  await expect.poll(overflows).toBe(false);
  await expect(page.getByRole('button', { name: 'Fit width' })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'test-results/levels-fit-width-1440.png' });
  await scroller.focus();
  await page.keyboard.press('0');
  await expect.poll(overflows).toBe(true);

  // Export all 3 variations as LDtk at once: three projects and the tileset PNG they share, once.
  await page.getByTestId('level-export-scope').getByRole('radio', { name: 'all 3' }).click();
  const downloads: { name: string; path: string }[] = [];
  page.on('download', (download) => {
    void download.path().then((path) => downloads.push({ name: download.suggestedFilename(), path: path! }));
  });
  await page.getByTestId('level-export-ldtk').getByRole('button').click();
  await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(4);
  const stem = 'many-pipes-none-enemies-little-blocks-high-elevation-seed21';
  expect(downloads.map((download) => download.name).sort()).toEqual([
    `${stem}-v1.ldtk`,
    `${stem}-v2.ldtk`,
    `${stem}-v3.ldtk`,
    'mosaic-platformer-tiles.png',
  ]);
  await page.screenshot({ path: 'test-results/levels-exported-all.png' });
  const projects = downloads.filter((download) => download.name.endsWith('.ldtk'));
  // LDtk's published schema, run by python3-jsonschema over the downloaded files.
  const check = spawnSync('/usr/bin/python3', ['tests/support/ldtk/validate_ldtk.py', ...projects.map((p) => p.path)], {
    encoding: 'utf8',
  });
  expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  for (const project of projects) {
    const json = JSON.parse(await readFile(project.path, 'utf8')) as {
      levels: { pxWid: number; fieldInstances: { __identifier: string; __value: unknown }[] }[];
    };
    expect(json.levels[0]!.pxWid).toBe(120 * 16);
    const fields = Object.fromEntries(
      json.levels[0]!.fieldInstances.map((field) => [field.__identifier, field.__value]),
    );
    expect(fields).toMatchObject({
      model: 'level-platformer@1.0.0',
      prompt: 'many pipes, none enemies, little blocks, high elevation',
      seed: '21',
    });
  }

  // The words typed survive a reload.
  await page.reload();
  await expect(page.getByTestId('level-prompt-words')).toHaveValue(
    'A castle with many pipes, no enemies and high elevation',
  );
  await expect(page.getByTestId('level-understood-chip')).toHaveCount(3);
});
