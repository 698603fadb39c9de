// The status bar while the inference host backs off after a crash storm: the service's answer is replaced on the way
// (the served host keeps running for the other specs); the real back-off is tested in tests/integration/api.
import { expect, test } from '@playwright/test';
import { openStudio } from './studio-page.js';

test('says how often the host crashed and when it tries again', async ({ page }) => {
  const nextRetryAt = new Date(Date.now() + 16_000).toISOString();
  await page.route('**/v1/system/info', async (route) => {
    const response = await route.fetch();
    const info = (await response.json()) as { inference: Record<string, unknown> };
    info.inference = {
      ...info.inference,
      state: 'backing-off',
      pid: null,
      recentCrashes: 9,
      nextRetryAt,
      lastExit: 'signal SIGSEGV',
    };
    await route.fulfill({ response, json: info });
  });
  await openStudio(page);
  const time = await page.evaluate((at) => new Date(at).toLocaleTimeString(), nextRetryAt);
  await expect(page.getByTestId('host-state')).toHaveText(`Inference crashed 9 times · next try at ${time}`);
  await page.screenshot({ path: '/tmp/shots-host/status-backing-off.png' });
});
