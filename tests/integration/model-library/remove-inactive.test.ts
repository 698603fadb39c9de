// Issue 18's loose end through the `mosaic` command: a version installed without activating it and then removed leaves
// a trace, so a later generation does not install the bundled version again; only a model never had is provisioned.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosaicCli, mosaicCliOutcome } from '../../support/mosaic-cli.js';
import { createTempHome } from '../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
const run = mosaicCli(() => join(home.path, 'data'));
const attempt = mosaicCliOutcome(() => join(home.path, 'data'));

const generate = () =>
  attempt('music', 'generate', '--bars', '2', '--seed', '3', '--json', '--out', join(home.path, 'clip.mid'));
const installedVersions = async (): Promise<string[]> =>
  (await readdir(join(home.path, 'data', 'models', 'manifests', 'music-melody')).catch(() => [] as string[])).sort();
const activationHistory = async () =>
  JSON.parse((await run('models', 'history', 'music-melody', '--json')).stdout) as { reason: string }[];

beforeAll(async () => {
  home = await createTempHome('mosaic-remove-inactive-');
});
afterAll(async () => {
  await home.remove();
});

describe('removing a version that was never active', () => {
  it('is remembered: a later generate answers NO_ACTIVE_VERSION instead of installing the bundled version', async () => {
    await run('models', 'install', 'music-melody@1.1.0', '--no-activate');
    expect(await installedVersions()).toEqual(['1.1.0']);
    const removed = await run('models', 'remove', 'music-melody@1.1.0', '--json');
    expect(JSON.parse(removed.stdout)).toMatchObject({ wasActive: false, activeVersion: null, installedVersions: [] });

    const refused = await generate();
    expect(refused.code, refused.stdout).toBe(78);
    expect(refused.stderr).toContain('[NO_ACTIVE_VERSION]');
    expect(refused.stderr).toContain('mosaic models install music-melody');
    expect(await installedVersions()).toEqual([]);
    // The removal is no activation: the activation history stays empty and there is nothing to roll back to.
    expect(await activationHistory()).toEqual([]);
    const rollback = await attempt('models', 'rollback', 'music-melody');
    expect(rollback.code).not.toBe(0);
    expect(rollback.stderr).toContain('no earlier installed version');
  });

  it('still lets the user install it when asked, and rollback ignores the removal', async () => {
    await run('models', 'install', 'music-melody@1.0.0');
    await run('models', 'install', 'music-melody@1.1.0', '--no-activate');
    await run('models', 'remove', 'music-melody@1.1.0');
    const generated = await generate();
    expect(generated.code, generated.stderr).toBe(0);
    expect(JSON.parse(generated.stdout).model).toMatchObject({ name: 'music-melody', version: '1.0.0' });
    expect((await activationHistory()).map((entry) => entry.reason)).toEqual(['install']);
  });
});
