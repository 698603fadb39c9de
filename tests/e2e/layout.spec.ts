// Layout at the 1280x800 window of the e2e config: the roll's ruler labels never overlap, the 8th of 8 variations can
// be seen whole, History's music thumbnails draw inside their box, and the serve command wraps only between arguments.
import { expect, test, type Locator, type Page } from '@playwright/test';
import tonejs from '@tonejs/midi';
import { openStudio, rollNotesPainted, showWorkspace } from './studio-page.js';

const { Midi } = tonejs;
const shots = process.env.MOSAIC_E2E_SHOTS ?? 'test-results';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

function inside(inner: Box, outer: Box): boolean {
  const slack = 0.5;
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

/** An eight-bar melody (a note per beat) as a .mid: its last bar line is where the roll writes "primer". */
function eightBarPrimer(): { name: string; mimeType: string; buffer: Buffer } {
  const midi = new Midi();
  const track = midi.addTrack();
  for (let beat = 0; beat < 32; beat += 1) {
    track.addNote({ midi: 60 + (beat % 8), ticks: beat * 480, durationTicks: 440, velocity: 0.7 });
  }
  return { name: 'eight-bars.mid', mimeType: 'audio/midi', buffer: Buffer.from(midi.toArray()) };
}

async function generate(page: Page, bars: string, variations: string): Promise<void> {
  await page.getByTestId('music-bars').fill(bars);
  await page.getByTestId('music-variations').fill(variations);
  await page.getByTestId('music-bars').press('Tab');
  await page.getByRole('button', { name: /^Generate/ }).click();
  await expect(page.getByRole('listbox', { name: 'Variations' }).getByRole('option')).toHaveCount(Number(variations), {
    timeout: 180_000,
  });
}

test('the ruler writes "primer" without covering a bar number', async ({ page }) => {
  test.setTimeout(180_000);
  await openStudio(page, 'music');
  await page.getByRole('tab', { name: 'Continue' }).click();
  await page.getByTestId('music-primer-file').setInputFiles(eightBarPrimer());
  await expect(page.getByTestId('music-primer-drop')).toContainText('eight-bars.mid');
  for (const bars of ['8', '24']) {
    await page.getByTestId('music-bars').fill(bars);
    await page.getByTestId('music-bars').press('Tab');
    await rollNotesPainted(page);
    const ruler = JSON.parse((await page.getByTestId('music-roll').getAttribute('data-ruler')) ?? '[]') as {
      text: string;
      left: number;
      right: number;
    }[];
    expect(ruler.map((label) => label.text)).toContain('primer');
    expect(ruler.map((label) => label.text)).toContain('1');
    for (const [index, label] of ruler.entries()) {
      for (const other of ruler.slice(index + 1)) {
        expect(label.right <= other.left || other.right <= label.left, `${label.text} overlaps ${other.text}`).toBe(
          true,
        );
      }
    }
  }
  await page.getByTestId('music-roll').screenshot({ path: `${shots}/layout-ruler-primer.png` });
});

test('the 8th of 8 variations can be seen whole in its list', async ({ page }) => {
  test.setTimeout(240_000);
  await openStudio(page, 'music');
  await generate(page, '2', '8');
  const list = page.getByTestId('music-variations-list');
  const listBox = await boxOf(list);
  const viewport = page.viewportSize()!;
  // The list ends inside the window, so whatever it scrolls to is on screen.
  expect(listBox.y + listBox.height).toBeLessThanOrEqual(viewport.height);
  await page.keyboard.press('8');
  const last = list.getByRole('option').nth(7);
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: `${shots}/layout-variations.png` });
  // Picking it from the keyboard brings it into view, whole.
  await expect.poll(async () => inside(await boxOf(last), await boxOf(list))).toBe(true);
  await page.screenshot({ path: `${shots}/layout-variations.png` });
  // Scrolled to the end, the list shows it whole too, with nothing of it under the list's bottom edge.
  await page.keyboard.press('1');
  await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect.poll(async () => inside(await boxOf(last), await boxOf(list))).toBe(true);
});

test('History draws each music thumbnail inside its box, clear of the top and bottom edges', async ({ page }) => {
  test.setTimeout(240_000);
  await openStudio(page, 'music');
  await generate(page, '4', '1');
  await showWorkspace(page, 'history');
  const thumbnail = page.locator('[data-testid="history-thumbnail"][aria-label="Piano roll thumbnail"]').first();
  await expect(thumbnail).toBeVisible();
  const rows = await thumbnail.evaluate((element) => {
    const canvas = element as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    // Rows of the canvas that hold note pixels (blue), top first.
    const noted: number[] = [];
    for (let y = 0; y < canvas.height; y += 1) {
      for (let x = 0; x < canvas.width; x += 1) {
        const offset = (y * canvas.width + x) * 4;
        if (data[offset + 2]! > 150 && data[offset + 2]! - data[offset]! > 60) {
          noted.push(y);
          break;
        }
      }
    }
    return { noted, height: canvas.height };
  });
  expect(rows.noted.length).toBeGreaterThan(0);
  expect(Math.min(...rows.noted)).toBeGreaterThanOrEqual(2);
  expect(Math.max(...rows.noted)).toBeLessThanOrEqual(rows.height - 3);
  await thumbnail.screenshot({ path: `${shots}/layout-history-thumbnail.png` });
});

test('the serve command in Settings wraps only between arguments and copies as one line', async ({ page }) => {
  await openStudio(page);
  await page.keyboard.press('Control+,');
  const command = page.getByTestId('remote-serve-command');
  await expect(command).toBeVisible();
  const parts = command.locator('.command-line-part');
  const texts = await parts.allTextContents();
  expect(texts).toContain('--allow-host NAME');
  // Each argument is on one line: its box is one line high.
  for (const part of await parts.all()) {
    const lineHeight = await part.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight) || 16);
    expect((await boxOf(part)).height).toBeLessThanOrEqual(lineHeight * 1.5);
  }
  await expect(command.getByRole('button', { name: /^Copy the command/ })).toHaveAttribute(
    'aria-label',
    `Copy the command: ${texts.join(' ')}`,
  );
  await command.screenshot({ path: `${shots}/layout-serve-command.png` });
  await page.screenshot({ path: `${shots}/layout-settings.png` });
});
