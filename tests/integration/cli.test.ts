// The `mosaic` command as a user runs it: a separate process, real inference host, throwaway MOSAIC_HOME.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../main/platform/paths.js';
import { createTempHome } from '../support/temp-home.js';

const root = findPackageRoot();
const version = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;
let home: Awaited<ReturnType<typeof createTempHome>>;

beforeAll(async () => {
  home = await createTempHome();
});
afterAll(async () => {
  await home.remove();
});

function mosaic(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/mosaic.js', ...args], {
      cwd: root,
      env: { ...process.env, MOSAIC_HOME: home.path, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('mosaic CLI', () => {
  it('prints its version', async () => {
    const result = await mosaic(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('prints the usage of a command group on --help, and exits 64 when the subcommand is missing', async () => {
    const help = await mosaic(['music', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/music generate .*--bars 8/);
    expect(help.stdout).toMatch(/music drums /);
    const missing = await mosaic(['level']);
    expect(missing.code).toBe(64);
    expect(missing.stdout).toMatch(/level regenerate <level\.txt\|level\.tmj>/);
  });

  it('doctor --json reports the runtime, the provider in use and the data folder', async () => {
    const result = await mosaic(['doctor', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.app.version).toBe(version);
    expect(report.runtime.node).toBe(process.versions.node);
    expect(report.runtime.electron).toBeNull();
    expect(report.inference.onnxruntimeVersion).toBe('1.30.0');
    expect(report.inference.executionProvider.inUse).toBe('cpu');
    expect(report.inference.executionProvider.tried.length).toBeGreaterThanOrEqual(1);
    expect(report.dataFolder).toBe(home.path);
    expect(report.installedModels).toEqual([]);
    expect(report.service).toBeNull();
    expect(report.checks.every((check: { ok: boolean }) => check.ok)).toBe(true);
  });

  it('doctor prints a readable report', async () => {
    const result = await mosaic(['doctor'], { MOSAIC_EP: 'cpu' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/provider in use\s+cpu \(MOSAIC_EP=cpu\)/);
    expect(result.stdout).toContain(`data folder       ${home.path}`);
    expect(result.stdout).toContain('local API         not running');
    expect(result.stdout).toContain('installed models  none yet (the bundled models install on first use)');
    expect(result.stdout).toMatch(/ok\s+inference round trip/);
  });

  it('answers misuse with a message and a usage exit code', async () => {
    const unknown = await mosaic(['transmogrify']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('Unknown command "transmogrify"');
    const badPort = await mosaic(['serve', '--port', 'abc']);
    expect(badPort.code).toBe(64);
    expect(badPort.stderr).toContain('--port must be a number');
    const badFlag = await mosaic(['doctor', '--colour']);
    expect(badFlag.code).toBe(64);
  });
});
