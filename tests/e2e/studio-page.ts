// Shared by the end-to-end specs: the API token the served Studio runs with, and how a spec opens the Studio.
import { expect, type Page } from '@playwright/test';

/** The fixed token playwright.config.ts gives `mosaic serve` (MOSAIC_API_TOKEN). */
export const e2eApiToken = process.env.MOSAIC_E2E_TOKEN ?? 'e2e-token-0123456789abcdefghijklmnopqrstuv';

/** The served Studio's port, and the one its app catalog (MOSAIC_APP_CATALOG) is served on by app-catalog.spec.ts. */
export const e2ePort = Number(process.env.MOSAIC_E2E_PORT ?? 7591);
export const e2eAppCatalogUrl = `http://127.0.0.1:${e2ePort + 1}/`;

const workspaceKeys = { music: '1', levels: '2', models: '3', history: '4', arrange: '5', dungeons: '6' } as const;
export type Workspace = keyof typeof workspaceKeys;

/**
 * Opens the Studio as `mosaic serve`'s printed link does (`/#token=…`) and waits until it shows data from main (so its
 * shortcuts are bound); then shows `workspace` when one is named.
 */
export async function openStudio(page: Page, workspace?: Workspace): Promise<void> {
  await page.goto(`/#token=${encodeURIComponent(e2eApiToken)}`);
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  if (workspace) await showWorkspace(page, workspace);
}

/** Switches to `workspace` with its shortcut (Ctrl+1…6) and waits until it shows. */
export async function showWorkspace(page: Page, workspace: Workspace): Promise<void> {
  await page.keyboard.press(`Control+${workspaceKeys[workspace]}`);
  await expect(page.getByTestId(`workspace-${workspace}`)).toBeVisible();
}

/**
 * The notes the piano roll has painted for the scene it shows. The roll paints after React commits a scene and sets
 * data-notes only then, so this waits for the paint instead of reading the previous scene's count.
 */
export async function rollNotesPainted(page: Page): Promise<number> {
  const roll = page.getByTestId('music-roll');
  await expect(roll).toHaveAttribute('data-notes', /^\d+$/);
  return Number(await roll.getAttribute('data-notes'));
}
