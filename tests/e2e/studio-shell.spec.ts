import { expect, test, type Page } from '@playwright/test';

/** Opens the Studio and waits until it shows data from main (so its shortcuts are bound). */
async function openStudio(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
}

test('the Studio opens, switches workspaces, and shows data from main', async ({ page }) => {
  await page.goto('/');

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
