import { expect, test } from '@playwright/test';
import { e2eApiToken, openStudio } from './studio-page.js';

test('the Studio opens, switches workspaces, and shows data from main', async ({ page }) => {
  await openStudio(page);
  // The token left the address bar once the page kept it.
  expect(page.url()).not.toContain('token');

  // The status bar shows the execution provider the inference host really uses.
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  await expect(page.getByTestId('host-state')).toHaveText('Inference ready');
  await expect(page.getByTestId('app-version')).toHaveText(/^v\d+\.\d+\.\d+/);

  // Switch workspaces by clicking and by keyboard.
  await page.getByRole('button', { name: 'Levels' }).click();
  await expect(page.getByTestId('workspace-levels')).toBeVisible();
  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('workspace-models')).toBeVisible();
  await expect(page.getByTestId('runtime-provider')).toContainText('cpu');
  await expect(page.getByTestId('runtime-state')).toContainText('ready');

  // A round trip through the contract to the inference process and back.
  await page.getByRole('button', { name: /Run self-test/ }).click();
  await expect(page.getByTestId('self-test-result')).toContainText('on cpu');
  await page.screenshot({ path: 'test-results/studio-models.png' });

  await page.keyboard.press('Control+1');
  await expect(page.getByTestId('workspace-music')).toBeVisible();
  await page.screenshot({ path: 'test-results/studio-music.png' });
});

test('the command palette runs commands from the keyboard', async ({ page }) => {
  await openStudio(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('levels');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByTestId('workspace-levels')).toBeVisible();
});

test('the chosen workspace survives a reload', async ({ page }) => {
  await openStudio(page);
  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('workspace-levels')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('workspace-levels')).toBeVisible();
});

test('without the token the Studio asks for it, and connects once it is given', async ({ page }) => {
  await page.goto('/');
  const screen = page.getByTestId('connect-screen');
  await expect(screen).toBeVisible();
  await expect(screen).toContainText('api-token');
  const field = page.getByLabel('Access token');
  await field.fill('not-the-token');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(screen).toContainText('That token was not accepted.');
  await field.fill(e2eApiToken);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  await expect(screen).toBeHidden();
});

test('the page load asks for nothing the server lacks: the icon is an SVG it serves, not a 404 for favicon.ico', async ({
  page,
}) => {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  // The event stream is cut by the reload (ERR_ABORTED); anything else that fails counts.
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') failures.push(`failed ${request.url()}`);
  });
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await openStudio(page);
  await page.reload();
  await expect(page.getByTestId('host-state')).toHaveText('Inference ready');
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toMatch(/\.svg$/);
  const icon = await page.request.get(new URL(href!, page.url()).toString());
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  expect(await icon.text()).toContain('<svg');
  expect(failures).toEqual([]);
  // What a browser asks for when a page names no icon is not asked for.
  expect(asked).not.toContain('/favicon.ico');
});
