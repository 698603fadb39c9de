// Model updates without an app update: the app's own catalog (MOSAIC_APP_CATALOG, served here on loopback) publishes a
// newer version of an installed model; the Models workspace marks it and installs it. Offline, that catalog is a quiet
// note and the workspace carries on.
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPackageRoot } from '../../main/platform/paths.js';
import { CatalogPublisher } from '../../main/services/model-library/catalog-publisher.js';
import { CatalogServer } from '../support/catalog-server.js';
import { writePackage } from '../support/model-packages.js';
import { e2eAppCatalogUrl, openStudio } from './studio-page.js';

const model = 'e2e-app-sketch';
const publisher = new CatalogPublisher();
let root = '';
let server: CatalogServer | null = null;
const folders = new Map<string, string>();

test.beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mosaic-e2e-app-catalog-'));
  const graph = await readFile(join(findPackageRoot(), 'models', 'fixtures', 'tiny-decoder', 'model.onnx'));
  for (const version of ['1.0.0', '1.1.0']) {
    const { folder } = await writePackage(join(root, 'packages'), {
      name: model,
      version,
      withoutGraph: true,
      files: [{ path: 'model.onnx', content: graph, role: 'graph' }],
      overrides: {
        task: 'test.count',
        maxPositions: 64,
        graphLayout: 'mosaic-kv-v2',
        description: `A counting decoder from the app's catalog, version ${version}.`,
        variants: [],
      },
    });
    folders.set(version, folder);
  }
  // At first the app's catalog offers 1.0.0 only.
  await publisher.publish(folders.get('1.0.0')!, join(root, 'catalog'));
  server = new CatalogServer(join(root, 'catalog'));
  await server.listen(Number(new URL(e2eAppCatalogUrl).port));
});

test.afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const versionRow = (page: Page, version: string) => page.getByTestId(`version-${version}`);
const refresh = (page: Page) =>
  page.getByTestId('workspace-models').locator('.workspace-header').getByRole('button', { name: 'Refresh' }).click();

test('the app catalog’s newer version shows as an update and installs; offline, the catalog is a quiet note', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openStudio(page, 'models');
  const catalog = page.getByTestId('catalog-mosaic');
  await expect(catalog.getByTestId('catalog-status')).toHaveText('built in · 1 model');
  await expect(catalog).toContainText(e2eAppCatalogUrl);

  // Install 1.0.0 from it.
  const list = page.getByRole('listbox', { name: 'Models' });
  await list
    .getByRole('group', { name: /Available/ })
    .getByRole('option', { name: new RegExp(model) })
    .click();
  await expect(page.locator('#model-detail-heading')).toHaveText(model);
  // Nothing of this model is installed yet, so the header's install also makes it active.
  await page.getByRole('button', { name: /^Install and use 1\.0\.0/ }).click();
  await expect(versionRow(page, '1.0.0')).toContainText('active', { timeout: 20_000 });
  await expect(
    list.getByRole('group', { name: /Installed/ }).getByRole('option', { name: new RegExp(model) }),
  ).toBeVisible();

  // The catalog publishes 1.1.0 (the app stays as it is); a refresh marks the model.
  await publisher.publish(folders.get('1.1.0')!, join(root, 'catalog'));
  await refresh(page);
  const option = list.getByRole('group', { name: /Updates/ }).getByRole('option', { name: new RegExp(model) });
  await expect(option.getByTestId('update-badge')).toHaveText('→ 1.1.0');
  await expect(option.getByTestId('update-badge')).toHaveAttribute('title', /from the mosaic catalog/);
  await expect(versionRow(page, '1.1.0')).toContainText('not installed');
  await page.screenshot({ path: 'test-results/app-catalog-update.png' });

  await page.getByRole('button', { name: /^Update to 1\.1\.0/ }).click();
  await expect(versionRow(page, '1.1.0')).toContainText('active', { timeout: 20_000 });
  await expect(option).toHaveCount(0);
  await expect(
    list.getByRole('group', { name: /Installed/ }).getByRole('option', { name: new RegExp(model) }),
  ).toContainText('1.1.0');

  // Offline: the catalog cannot be reached. A note, no error; the installed versions stay usable.
  await server!.close();
  server = null;
  await refresh(page);
  await expect(catalog.getByTestId('catalog-status')).toHaveText('built in · offline');
  await expect(catalog).toContainText('Not reachable now');
  await expect(catalog.locator('.catalog-error')).toHaveCount(0);
  await expect(page.locator('.models-message-error')).toHaveCount(0);
  await expect(versionRow(page, '1.1.0')).toContainText('active');
  await catalog.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/app-catalog-offline.png' });
});
