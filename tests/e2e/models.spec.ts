// The Models workspace end to end: add a loopback catalog, install with a moving progress bar, a second version,
// activate, roll back, remove, cancel an install, and collect the partial download it left.
import { expect, test, type Page } from '@playwright/test';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogPublisher } from '../../main/services/model-library/catalog-publisher.js';
import { findPackageRoot } from '../../main/platform/paths.js';
import { CatalogServer } from '../support/catalog-server.js';
import { pseudoRandomBytes, writePackage } from '../support/model-packages.js';
import { openStudio } from './studio-page.js';

const model = 'e2e-sketch';
/** Blob bytes per second the catalog sends, so an install of the ~600 kB package takes 2–3 s. */
const throttle = 250_000;

let root = '';
let server: CatalogServer;

test.beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mosaic-e2e-catalog-'));
  const graph = await readFile(join(findPackageRoot(), 'models', 'fixtures', 'tiny-decoder', 'model.onnx'));
  const publisher = new CatalogPublisher();
  for (const version of ['1.0.0', '1.1.0']) {
    const { folder } = await writePackage(join(root, 'packages'), {
      name: model,
      version,
      withoutGraph: true,
      files: [
        { path: 'model.onnx', content: graph, role: 'graph' },
        // Each version has its own weights-sized file; the graph is shared between them.
        { path: 'weights.bin', content: pseudoRandomBytes(600_000, `${model}@${version}`), role: 'weights' },
      ],
      overrides: {
        task: 'test.count',
        maxPositions: 64,
        graphLayout: 'mosaic-kv-v2',
        description: `A counting decoder for the end-to-end test, version ${version}.`,
        evaluation: { 'held-out loss (nats/token)': 0.0123, 'top-1 accuracy': 0.98 },
        variants: [],
      },
    });
    await publisher.publish(folder, join(root, 'catalog'));
  }
  server = new CatalogServer(join(root, 'catalog'));
  server.fault = (request) => (request.path.includes('/blobs/') ? { bytesPerSecond: throttle } : undefined);
  await server.listen();
});

test.afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Reads the install progress bar until it goes away; returns every aria-valuenow seen. */
async function watchProgress(page: Page): Promise<number[]> {
  const bar = page.getByRole('progressbar', { name: new RegExp(`Installing ${model}`) });
  await expect(bar).toBeVisible();
  const seen: number[] = [];
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const value = await bar.getAttribute('aria-valuenow', { timeout: 200 }).catch(() => 'gone');
    if (value === 'gone') break;
    if (value !== null) seen.push(Number(value));
    await page.waitForTimeout(60);
  }
  return seen;
}

const versionRow = (page: Page, version: string) => page.getByTestId(`version-${version}`);
/** Screenshots to look at (MOSAIC_SHOTS), else beside the test results. */
const shots = process.env.MOSAIC_SHOTS ?? 'test-results';

test('adds a catalog, installs two versions with progress, activates, rolls back, removes and collects', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openStudio(page, 'models');

  // Add the loopback catalog from the UI.
  await page.getByTestId('catalog-location').fill(server.url);
  await page.getByRole('button', { name: 'Add catalog' }).click();
  await expect(page.getByTestId('models-message')).toContainText('Added catalog');
  const list = page.getByRole('listbox', { name: 'Models' });
  const available = list.getByRole('group', { name: /Available/ });
  await expect(available.getByRole('option', { name: new RegExp(model) })).toBeVisible();

  // Choose it, pick 1.0.0 in its versions table and install that version from the keyboard.
  await available.getByRole('option', { name: new RegExp(model) }).click();
  await expect(page.locator('#model-detail-heading')).toHaveText(model);
  await versionRow(page, '1.0.0').click();
  await expect(versionRow(page, '1.0.0')).toHaveAttribute('aria-selected', 'true');
  // Its card is read from the catalog before anything is downloaded: licence and commercial use come first.
  await expect(page.getByTestId('card-source')).toContainText('not installed');
  await expect(page.getByTestId('card-licence')).toHaveText('MIT');
  await expect(page.getByTestId('card-commercial')).toHaveText('Allowed');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('install-bytes')).toContainText(/of [\d.]+ kB/);
  await page.screenshot({ path: 'test-results/models-installing.png' });
  const values = await watchProgress(page);
  const partway = new Set(values.filter((value) => value < 100));
  expect(partway.size, `progress values seen: ${values.join(', ')}`).toBeGreaterThanOrEqual(2);

  // Installed and active; the catalog offers 1.1.0, so the model moves to Updates.
  await expect(versionRow(page, '1.0.0')).toContainText('active');
  const updates = list.getByRole('group', { name: /Updates/ });
  await expect(updates.getByRole('option', { name: new RegExp(model) })).toContainText('1.1.0');
  await expect(page.getByTestId('card-licence')).toHaveText('MIT');
  await expect(page.getByTestId('card-commercial')).toHaveText('Allowed');
  await expect(page.getByTestId('card-metrics')).toContainText('top-1 accuracy');
  await page.screenshot({ path: 'test-results/models-installed.png' });

  // The update: the second version installs beside the first and becomes active.
  await page.getByRole('button', { name: /^Update to 1\.1\.0/ }).click();
  await expect(page.getByRole('progressbar', { name: new RegExp(`Installing ${model}@1.1.0`) })).toBeVisible();
  await expect(versionRow(page, '1.1.0')).toContainText('active', { timeout: 20_000 });
  const installed = list.getByRole('group', { name: /Installed/ });
  await expect(installed.getByRole('option', { name: new RegExp(model) })).toBeVisible();

  // Activate 1.0.0 from its row, then roll back to 1.1.0 with the keyboard.
  await versionRow(page, '1.0.0').getByRole('button', { name: 'Activate' }).click();
  await expect(versionRow(page, '1.0.0')).toContainText('active');
  await expect(versionRow(page, '1.1.0')).not.toContainText('active');
  const history = page.getByTestId('activation-history');
  await expect(history.getByRole('listitem').first()).toContainText('1.1.0 → 1.0.0');
  // The answer (not only the library's change event) has arrived, so the next command is enabled.
  await expect(page.getByTestId('models-message')).toContainText(`${model}@1.0.0 is active (was 1.1.0)`);
  await page.keyboard.press('Control+z');
  await expect(versionRow(page, '1.1.0')).toContainText('active');
  await expect(history.getByRole('listitem').first()).toContainText('1.0.0 → 1.1.0');
  await expect(history.getByRole('listitem').first()).toContainText('rollback');
  await page.screenshot({ path: 'test-results/models-rolled-back.png' });

  // Load it to see where it runs.
  await page.getByRole('button', { name: /^Load into memory/ }).click();
  await expect(page.getByTestId('live-provider')).toHaveText('cpu');

  // Remove 1.0.0 after the inline confirmation; Keep first, to see that nothing happens.
  await versionRow(page, '1.0.0').getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByTestId('inline-confirm');
  await expect(confirm).toContainText(`Remove ${model}@1.0.0?`);
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(confirm).toHaveCount(0);
  await versionRow(page, '1.0.0').getByRole('button', { name: 'Remove' }).click();
  await page.screenshot({ path: 'test-results/models-confirm-remove.png' });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('models-message')).toContainText(`Removed ${model}@1.0.0; freed`);
  await expect(versionRow(page, '1.0.0')).toContainText('not installed');

  // Start installing 1.0.0 again and cancel it: the partial download stays for gc.
  await versionRow(page, '1.0.0').getByRole('button', { name: 'Install', exact: true }).click();
  await expect(page.getByTestId('install-bytes')).toBeVisible();
  await page.waitForTimeout(600);
  await page
    .getByTestId('install-progress')
    .getByRole('button', { name: /^Cancel/ })
    .click();
  await expect(page.getByTestId('models-message')).toContainText('cancelled');
  await expect(page.getByTestId('install-progress')).toHaveCount(0);

  // Disk use, then gc with its inline confirmation.
  const storage = page.getByTestId('storage-panel');
  await expect(storage.getByTestId('usage-total')).toHaveText(/[\d.]+ (kB|MB)/);
  await expect(storage.getByTestId('usage-table')).toContainText(model);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await storage.getByRole('button', { name: /^Collect unused files/ }).click();
  const gc = storage.getByTestId('inline-confirm');
  await expect(gc).toContainText(/Delete .*[\d.]+ kB of partial downloads\?/);
  await page.screenshot({ path: 'test-results/models-confirm-gc.png', fullPage: true });
  await gc.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('models-message')).toContainText(/1 partial download; freed [\d.]+ (B|kB|MB)/);
  await expect(storage.getByTestId('usage-partial')).toHaveText('0 B');
  await page.screenshot({ path: 'test-results/models-collected.png', fullPage: true });

  // Installing is not activating: Install puts 1.0.0 beside the active 1.1.0, which stays active, and the model stays
  // under Installed (an installed version is no update); Install and use is the row's other choice.
  await expect(versionRow(page, '1.0.0').getByRole('button', { name: 'Install and use' })).toBeVisible();
  await versionRow(page, '1.1.0').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/models-install-choices.png` });
  await versionRow(page, '1.0.0').getByRole('button', { name: 'Install', exact: true }).click();
  await expect(page.getByTestId('models-message')).toContainText(`Installed ${model}@1.0.0; 1.1.0 stays active.`, {
    timeout: 20_000,
  });
  await expect(versionRow(page, '1.0.0')).not.toContainText('not installed');
  await expect(versionRow(page, '1.0.0').getByRole('button', { name: 'Activate' })).toBeVisible();
  await expect(versionRow(page, '1.1.0')).toContainText('active');
  await expect(versionRow(page, '1.0.0')).not.toContainText('● active');
  await expect(installed.getByRole('option', { name: new RegExp(model) })).toContainText('1.1.0');
  await expect(updates.getByRole('option', { name: new RegExp(model) })).toHaveCount(0);
  await expect(page.getByTestId('model-summary')).toContainText('1.1.0 active · 2 installed');
  await versionRow(page, '1.1.0').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/models-install-beside-active.png` });

  // Remove the catalog: the installed model stays.
  await page.getByRole('button', { name: /^Remove catalog/ }).click();
  await expect(page.getByTestId('models-message')).toContainText('Removed catalog');
  await expect(installed.getByRole('option', { name: new RegExp(model) })).toBeVisible();
});

test('arrow keys move through the model list and the palette lists the Models commands', async ({ page }) => {
  await openStudio(page, 'models');
  const list = page.getByRole('listbox', { name: 'Models' });
  await expect(list.getByRole('option').first()).toBeVisible();
  await list.focus();
  await page.keyboard.press('Home');
  const first = await list.getByRole('option').first().textContent();
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.locator('#model-detail-heading')).toBeFocused();
  expect(first).toContain((await page.locator('#model-detail-heading').textContent()) ?? '');

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  for (const label of [
    'Install the selected model version',
    'Activate the selected model version',
    'Roll back to the previously active version',
    'Remove the selected model version',
    'Collect unused model files',
    'Add a model catalog',
  ]) {
    await expect(palette.getByRole('option', { name: new RegExp(label) })).toBeVisible();
  }
  await page.keyboard.type('add a model catalog');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('catalog-location')).toBeFocused();
  await page.screenshot({ path: 'test-results/models-list-keys.png' });
});

test('the model card names its evaluation figures for people, grouped by the setting they were measured in', async ({
  page,
}) => {
  await openStudio(page, 'models');
  await page
    .getByRole('listbox', { name: 'Models' })
    .getByRole('option', { name: /music-melody/ })
    .click();
  await expect(page.locator('#model-detail-heading')).toHaveText('music-melody');
  await versionRow(page, '1.1.0').click();
  const metrics = page.getByTestId('card-metrics');
  const locked = metrics.getByRole('columnheader', { name: 'Pop, key locked' });
  await expect(locked).toBeVisible();
  const lowest = metrics.getByRole('row', { name: /Notes in scale, lowest/ });
  await expect(lowest).toHaveAttribute('title', 'pop-locked.in_scale_rate.minimum');
  await expect(metrics).toContainText('Held-out loss (nats per note)');
  await expect(metrics).not.toContainText('pop-locked.');
  await expect(metrics).not.toContainText('_');
  await locked.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/models-card-evaluation.png` });
});
