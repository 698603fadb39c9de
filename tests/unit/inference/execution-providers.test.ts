import { describe, expect, it } from 'vitest';
import { planProviders, selectProvider } from '../../../main/inference/execution-providers.js';

describe('planProviders', () => {
  it('tries the platform best first and CPU last', () => {
    expect(planProviders('linux', undefined).candidates).toEqual(['cuda', 'cpu']);
    expect(planProviders('win32', undefined).candidates).toEqual(['cuda', 'dml', 'cpu']);
    expect(planProviders('darwin', undefined).candidates).toEqual(['coreml', 'cpu']);
    expect(planProviders('freebsd', undefined).candidates).toEqual(['cpu']);
  });

  it('honours MOSAIC_EP, keeping CPU as the safety net', () => {
    expect(planProviders('linux', 'cpu')).toEqual({ candidates: ['cpu'], reason: 'MOSAIC_EP=cpu' });
    expect(planProviders('darwin', ' CUDA ').candidates).toEqual(['cuda', 'cpu']);
    expect(planProviders('linux', '').candidates).toEqual(['cuda', 'cpu']);
  });

  it('refuses a provider name it does not know', () => {
    expect(() => planProviders('linux', 'tpu')).toThrow(/MOSAIC_EP=tpu/);
  });
});

describe('selectProvider', () => {
  it('falls back to CPU when CUDA fails to load, recording why', async () => {
    const report = await selectProvider(planProviders('linux', undefined), async (name) => {
      if (name === 'cuda') throw new Error('Failed to load shared library libonnxruntime_providers_cuda.so\nstack...');
    });
    expect(report.inUse).toBe('cpu');
    expect(report.tried.map((attempt) => [attempt.name, attempt.ok])).toEqual([
      ['cuda', false],
      ['cpu', true],
    ]);
    expect(report.tried[0]?.error).toBe('Failed to load shared library libonnxruntime_providers_cuda.so');
  });

  it('stops at the first provider that loads', async () => {
    const tried: string[] = [];
    const report = await selectProvider(planProviders('win32', undefined), async (name) => {
      tried.push(name);
      if (name === 'cuda') throw new Error('no cuda');
    });
    expect(report.inUse).toBe('dml');
    expect(tried).toEqual(['cuda', 'dml']);
  });

  it('throws naming every refusal when nothing loads', async () => {
    await expect(
      selectProvider(planProviders('linux', undefined), async (name) => {
        throw new Error(`${name} broken`);
      }),
    ).rejects.toThrow(/cuda: cuda broken; cpu: cpu broken/);
  });
});
