// One data folder, one history: a level made by `mosaic level generate` in a terminal while the Studio is open on the
// same MOSAIC_HOME appears in the Studio's History at once, without a reload.
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { e2eApiToken, openStudio } from './studio-page.js';

const run = promisify(execFile);

test('shows a level the CLI made while the Studio was open', async ({ page }) => {
  test.setTimeout(120_000);
  const info = await page.request.get('/v1/system/info', { headers: { authorization: `Bearer ${e2eApiToken}` } });
  const { dataFolder } = (await info.json()) as { dataFolder: string };
  const listed = await page.request.get('/v1/history/list', { headers: { authorization: `Bearer ${e2eApiToken}` } });
  const before = ((await listed.json()) as { total: number }).total;
  const results = (count: number) => `${count} ${count === 1 ? 'result' : 'results'}`;
  await openStudio(page, 'history');
  const items = page.getByTestId('history-item');
  // Counted once the Studio shows the History the service holds (other specs share this data folder).
  await expect(page.getByTestId('history-total')).toHaveText(results(before));

  const out = await mkdtemp(join(tmpdir(), 'mosaic-e2e-cli-'));
  try {
    const { stderr } = await run(
      process.execPath,
      ['bin/mosaic.js', 'level', 'generate', '--width', '32', '--seed', '4321', '--out', join(out, 'cli.txt')],
      { env: { ...process.env, MOSAIC_HOME: dataFolder, MOSAIC_API_TOKEN: e2eApiToken, MOSAIC_EP: 'cpu' } },
    );
    expect(stderr).toContain('running in the service');
  } finally {
    await rm(out, { recursive: true, force: true });
  }

  await expect(page.getByTestId('history-total')).toHaveText(results(before + 1), { timeout: 10_000 });
  await expect(items.first()).toHaveAttribute('data-kind', 'level');
  await expect(items.first().getByTestId('history-seed')).toHaveText('4321');
  await page.screenshot({ path: '/tmp/shots-host/history-cli-run.png' });
});
