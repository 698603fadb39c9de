// Shared by the end-to-end specs: the API token the served Studio runs with, and how a spec opens the Studio.
import { expect, type Page } from '@playwright/test';

/** The fixed token playwright.config.ts gives `mosaic serve` (MOSAIC_API_TOKEN). */
export const e2eApiToken = process.env.MOSAIC_E2E_TOKEN ?? 'e2e-token-0123456789abcdefghijklmnopqrstuv';

/** Opens the Studio as `mosaic serve`'s printed link does (`/#token=…`) and waits until it shows data from main. */
export async function openStudio(page: Page): Promise<void> {
  await page.goto(`/#token=${encodeURIComponent(e2eApiToken)}`);
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
}
