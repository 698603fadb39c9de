import { describe, expect, it } from 'vitest';
import type { InstallJob } from '../../../../../contract/index.js';
import { installJobSchema } from '../../../../../contract/index.js';
import { InstallJobRecord } from '../../../../../main/services/model-library/install-job.js';

function fakeClock() {
  let now = Date.UTC(2026, 0, 1);
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('InstallJobRecord', () => {
  it('moves queued → downloading → verifying → installed, throttles progress, and computes the rate', () => {
    const clock = fakeClock();
    const events: InstallJob[] = [];
    const job = new InstallJobRecord('j1', 'melody', 'melody', (event) => events.push(event), clock.now, 200);
    job.target('1.0.0', 'test');
    job.startDownloading(1000);
    job.fileStarted('model.onnx');
    job.fileProgress(100, 100);
    clock.advance(100);
    job.fileProgress(200, 100); // inside the throttle window: not emitted
    clock.advance(150);
    job.fileProgress(600, 400);
    job.fileDone(1000);
    job.verifying();
    job.installed(true);

    expect(events.map((event) => [event.state, event.bytes])).toEqual([
      ['queued', 0],
      ['downloading', 0],
      ['downloading', 600],
      ['verifying', 1000],
      ['installed', 1000],
    ]);
    expect(events[2]!.rateBytesPerSecond).toBeCloseTo(600 / 0.25, 5);
    for (const event of events) expect(installJobSchema.safeParse(event).success).toBe(true);
    expect(events.at(-1)).toMatchObject({ version: '1.0.0', catalogId: 'test', activated: true });
  });

  it('ends in cancelled or failed, refuses moves out of an end state, and ignores a second failure', () => {
    const events: InstallJob[] = [];
    const cancelled = new InstallJobRecord('j2', 'm', 'm', (event) => events.push(event));
    cancelled.failed({ code: 'CANCELLED', message: 'stop' });
    expect(cancelled.snapshot().state).toBe('cancelled');
    expect(() => cancelled.verifying()).toThrow(/not allowed/);

    const failed = new InstallJobRecord('j3', 'm', 'm', () => undefined);
    failed.startDownloading(10);
    failed.failed({ code: 'DOWNLOAD_FAILED', message: 'HTTP 500' });
    failed.failed({ code: 'INTERNAL', message: 'later' });
    expect(failed.snapshot()).toMatchObject({ state: 'failed', error: { code: 'DOWNLOAD_FAILED' } });
    expect(failed.finished).toBe(true);
  });
});
