// Settings end to end: the local API's address and token, and running the Studio against a remote Mosaic service
// (a second `mosaic serve` on another loopback port, with its own MOSAIC_HOME, token and a CORS allowance for us).
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eApiToken, openStudio, showWorkspace } from './studio-page.js';

const remoteToken = 'remote-token-abcdefghijklmnopqrstuvwxyz012345';
let remote: { url: string; process: ChildProcess; home: string } | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startRemote(origin: string): Promise<NonNullable<typeof remote>> {
  const home = await mkdtemp(join(tmpdir(), 'mosaic-e2e-remote-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/mosaic.js', 'serve', '--port', String(port), '--cors-origin', origin], {
    env: { ...process.env, MOSAIC_HOME: home, MOSAIC_API_TOKEN: remoteToken, MOSAIC_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(async () => (await fetch(`${url}/v2/health/ready`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
    .toBe(200);
  return { url, process: child, home };
}

async function historyIds(url: string, token: string): Promise<string[]> {
  const response = await fetch(`${url}/v1/history/list?limit=200`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: { id: string }[] };
  return body.items.map((item) => item.id);
}

test.afterAll(async () => {
  if (!remote) return;
  remote.process.kill('SIGTERM');
  await new Promise((resolve) => remote!.process.once('exit', resolve));
  await rm(remote.home, { recursive: true, force: true });
});

async function openSettings(page: Page): Promise<void> {
  await page.keyboard.press('Control+,');
  await expect(page.getByTestId('settings')).toBeVisible();
}

test('a disabled primary button looks disabled, not like the action to take', async ({ page }) => {
  await openStudio(page);
  await openSettings(page);
  const use = page.getByRole('button', { name: 'Use remote service' });
  const look = () =>
    use.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, color: style.color, opacity: Number(style.opacity) };
    });
  await page.getByTestId('remote-url').fill('http://127.0.0.1:9');
  await expect(use).toBeEnabled();
  const enabled = await look();
  await page.getByTestId('remote-url').fill('');
  await expect(use).toBeDisabled();
  const disabled = await look();
  // Without a URL it keeps neither the accent fill nor the dark-on-accent text, and it is dimmed.
  expect(disabled.background).not.toBe(enabled.background);
  expect(disabled.color).not.toBe(enabled.color);
  expect(disabled.opacity).toBeLessThan(1);
  const plain = await page
    .getByRole('button', { name: 'Use this machine' })
    .evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(disabled.background).toBe(plain);
  await page.getByTestId('settings').screenshot({ path: '/tmp/shots-ui-small/settings-disabled-primary.png' });
});

test('shows the local API address and its token masked, revealed on demand', async ({ page, baseURL }) => {
  await openStudio(page);
  await openSettings(page);
  await expect(page.getByTestId('api-base-url')).toHaveText(baseURL!);
  const token = page.getByTestId('api-token');
  await expect(token).toContainText('••••');
  await expect(token).not.toContainText(e2eApiToken);
  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(token).toHaveText(e2eApiToken);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(e2eApiToken);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toHaveCount(0);
});

test('runs a generation on a remote Mosaic service, then goes back to this machine', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  remote = await startRemote(new URL(baseURL!).origin);
  await openStudio(page);
  await openSettings(page);

  // A wrong token is reported with its code; the right one shows the remote's version and provider.
  await page.getByTestId('remote-url').fill(remote.url);
  await page.getByTestId('remote-token').fill('not-the-token');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('remote-test')).toContainText('UNAUTHORIZED');
  await page.getByTestId('remote-token').fill(remoteToken);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('remote-test')).toContainText(/Mosaic v\d+\.\d+\.\d+, EP cpu/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Use remote service' }).click();

  // The Studio reloads its state from the remote and says so in the status bar.
  const indicator = page.getByTestId('remote-indicator');
  await expect(indicator).toHaveText(`Remote: ${new URL(remote.url).host}`);
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
  await page.screenshot({ path: 'test-results/settings-remote.png' });

  // A level generated now runs on the remote: its history has it, this machine's does not.
  const localBefore = await historyIds(baseURL!, e2eApiToken);
  await showWorkspace(page, 'levels');
  await page.getByTestId('level-seed').fill('4');
  await page.getByTestId('level-width').fill('48');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('level-playable')).toBeVisible({ timeout: 180_000 });
  const remoteIds = await historyIds(remote.url, remoteToken);
  expect(remoteIds).toHaveLength(1);
  const localAfter = await historyIds(baseURL!, e2eApiToken);
  expect(localAfter).toEqual(localBefore);
  expect(localAfter).not.toContain(remoteIds[0]);

  // The choice survives a reload; "Use this machine" goes back.
  await page.reload();
  await expect(indicator).toBeVisible();
  await openSettings(page);
  await expect(page.getByTestId('backend-current')).toHaveText(`Using the remote service at ${remote.url}.`);
  await page.getByRole('button', { name: 'Use this machine' }).click();
  await expect(indicator).toHaveCount(0);
  await expect(page.getByTestId('execution-provider')).toHaveText('EP cpu');
});

test('Settings → Inference: checks a server address, and serves gRPC on the port given until it is cleared', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openStudio(page);
  await openSettings(page);
  const panel = page.getByTestId('inference-settings');
  await expect(page.getByTestId('inference-current')).toHaveText('Models run on this machine.');
  const apply = panel.getByRole('button', { name: 'Apply' });

  await page.getByTestId('inference-where').getByRole('radio', { name: 'an Open Inference Protocol server' }).click();
  await page.getByTestId('oip-url').fill('http://triton.local');
  await expect(panel.getByText('Give host:port, grpc://host:port or grpcs://host:port.')).toBeVisible();
  await expect(apply).toBeDisabled();
  await page.getByTestId('oip-url').fill('triton.local:8001');
  await expect(apply).toBeEnabled();
  await panel.screenshot({ path: 'test-results/settings-inference-server.png' });

  // Back to this machine, serving gRPC on any free port: the address it got is shown.
  await page.getByTestId('inference-where').getByRole('radio', { name: 'this machine' }).click();
  await page.getByTestId('grpc-port').fill('0');
  await apply.click();
  await expect(page.getByTestId('grpc-address')).toContainText(
    /gRPC \(inference\.GRPCInferenceService\) at 127\.0\.0\.1:\d+/,
  );
  await panel.screenshot({ path: 'test-results/settings-inference-grpc.png' });
  await page.getByTestId('grpc-port').fill('');
  await apply.click();
  await expect(page.getByTestId('grpc-address')).toHaveCount(0);
  await expect(page.getByTestId('grpc-port')).toHaveValue('');
});
