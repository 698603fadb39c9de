// Issue 18's reproduction through the `mosaic` command on the bundled melody model: removing the active version hands
// over to the one active before it, and a version the user removed is never installed again by a generation.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosaicCli, mosaicCliOutcome } from '../../support/mosaic-cli.js';
import { createTempHome } from '../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
const run = mosaicCli(() => join(home.path, 'data'));
const attempt = mosaicCliOutcome(() => join(home.path, 'data'));

const generate = (...extra: string[]) =>
  attempt('music', 'generate', '--bars', '2', '--seed', '3', '--json', '--out', join(home.path, 'clip.mid'), ...extra);
const installedVersions = async (): Promise<string[]> =>
  (await readdir(join(home.path, 'data', 'models', 'manifests', 'music-melody')).catch(() => [] as string[])).sort();
const history = async () =>
  JSON.parse((await run('models', 'history', 'music-melody', '--json')).stdout) as {
    from: string | null;
    to: string | null;
    reason: string;
  }[];

beforeAll(async () => {
  home = await createTempHome('mosaic-remove-active-');
});
afterAll(async () => {
  await home.remove();
});

describe('removing the active version', () => {
  it('activates the version active before it, says so, and the next generate uses it without reinstalling', async () => {
    await run('models', 'install', 'music-melody@1.0.0');
    await run('models', 'install', 'music-melody@1.1.0');
    const removed = await run('models', 'remove', 'music-melody@1.1.0', '--force');
    expect(removed.stdout).toContain('removed music-melody@1.1.0');
    expect(removed.stdout).toContain('music-melody@1.0.0 is active again: it was active before 1.1.0');

    const generated = await generate();
    expect(generated.code, generated.stderr).toBe(0);
    expect(JSON.parse(generated.stdout).model).toMatchObject({ name: 'music-melody', version: '1.0.0' });
    expect(await installedVersions()).toEqual(['1.0.0']);
    expect((await history()).map(({ from, to, reason }) => [from, to, reason])).toEqual([
      [null, '1.0.0', 'install'],
      ['1.0.0', '1.1.0', 'install'],
      ['1.1.0', '1.0.0', 'rollback: 1.1.0 removed'],
    ]);
  });

  it('leaves no active version when none before it is installed, and generate names the installed versions', async () => {
    // 1.1.0 is installed beside 1.0.0 but was never active, so the log has nothing to return to once 1.0.0 goes.
    await run('models', 'install', 'music-melody@1.1.0', '--no-activate');
    const removed = await run('models', 'remove', 'music-melody@1.0.0', '--force', '--json');
    expect(JSON.parse(removed.stdout)).toMatchObject({
      wasActive: true,
      activeVersion: null,
      installedVersions: ['1.1.0'],
    });

    const refused = await generate();
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain('[NO_ACTIVE_VERSION]');
    expect(refused.stderr).toContain('music-melody has no active version; installed: 1.1.0');
    expect(await installedVersions()).toEqual(['1.1.0']);
    const list = JSON.parse((await run('models', 'list', '--json')).stdout) as {
      models: { name: string; activeVersion: string | null }[];
    };
    expect(list.models.find((model) => model.name === 'music-melody')).toMatchObject({ activeVersion: null });
  });

  it('never installs a removed model again unasked, even with no version left', async () => {
    await run('models', 'remove', 'music-melody@1.1.0');
    const refused = await generate();
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain('[NO_ACTIVE_VERSION]');
    expect(refused.stderr).toContain('mosaic models install music-melody');
    const named = await generate('--model', 'music-melody@1.1.0');
    expect(named.stderr).toContain('[MODEL_NOT_FOUND]');
    expect(await installedVersions()).toEqual([]);

    // Asked for, it installs and is used.
    await run('models', 'install', 'music-melody@1.0.0');
    expect(JSON.parse((await generate()).stdout).model.version).toBe('1.0.0');
  });
});
