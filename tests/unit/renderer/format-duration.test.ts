import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../renderer/src/ui/format-duration.js';

describe('formatDuration', () => {
  it('says milliseconds below a second, tenths of seconds below a minute, then minutes and seconds', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(41.6)).toBe('42 ms');
    expect(formatDuration(999.4)).toBe('999 ms');
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(2345)).toBe('2.3 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
    expect(formatDuration(3_599_000)).toBe('59 min 59 s');
  });

  it('shows a dash for a duration it cannot know', () => {
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });
});
