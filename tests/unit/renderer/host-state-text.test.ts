import { describe, expect, it } from 'vitest';
import { hostStateText } from '../../../renderer/src/app/host-state-text.js';
import { sampleInfo } from '../../support/sample-handlers.js';

describe('hostStateText', () => {
  it('names the state, and while the host backs off its crash count and next try', () => {
    expect(hostStateText(undefined)).toBe('Inference connecting…');
    expect(hostStateText(sampleInfo.inference)).toBe('Inference ready');
    const nextRetryAt = '2026-01-01T10:00:30.000Z';
    const text = hostStateText({ ...sampleInfo.inference, state: 'backing-off', recentCrashes: 7, nextRetryAt });
    expect(text).toBe(`Inference crashed 7 times · next try at ${new Date(nextRetryAt).toLocaleTimeString()}`);
  });
});
