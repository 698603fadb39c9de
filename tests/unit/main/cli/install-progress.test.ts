import { describe, expect, it } from 'vitest';
import type { InstallJob } from '../../../../contract/index.js';
import { InstallProgress } from '../../../../main/cli/install-progress.js';
import { formatBytes } from '../../../../main/cli/models-format.js';

const base = {
  jobId: 'j',
  requested: 'melody',
  name: 'melody',
  version: '1.0.0',
  catalogId: 'test',
  totalBytes: 200_000_000,
  transferredBytes: 0,
  rateBytesPerSecond: 0,
  startedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const downloading = (bytes: number, rate: number): InstallJob => ({
  ...base,
  state: 'downloading',
  file: 'w.bin',
  bytes,
  rateBytesPerSecond: rate,
});

describe('InstallProgress', () => {
  it('redraws one bar in place on a terminal', () => {
    let text = '';
    const progress = new InstallProgress({ write: (chunk) => (text += chunk), isTTY: true, columns: 100 });
    progress.update(downloading(50_000_000, 25_000_000));
    progress.update(downloading(100_000_000, 25_000_000));
    progress.update({ ...base, state: 'verifying', bytes: 200_000_000 });
    progress.endLine();
    const frames = text.split('\r').filter(Boolean);
    expect(frames).toHaveLength(2);
    expect(frames[1]).toMatch(/^melody@1\.0\.0 \[#+\.+\] {2}50% 100\.0 MB\/200\.0 MB 25\.0 MB\/s 4 s left/);
    expect(text).toContain('verifying melody@1.0.0\n');
  });

  it('prints one line per state elsewhere', () => {
    let text = '';
    const progress = new InstallProgress({ write: (chunk) => (text += chunk), isTTY: false });
    for (const bytes of [0, 10, 20]) progress.update(downloading(bytes, 1));
    progress.update({ ...base, state: 'verifying', bytes: 20 });
    expect(text).toBe('downloading melody@1.0.0 (200.0 MB)\nverifying melody@1.0.0\n');
  });

  it('formats sizes in decimal units', () => {
    expect([999, 1000, 1_234_567, 200_000_000, 3.2e12].map(formatBytes)).toEqual([
      '999 B',
      '1.00 kB',
      '1.23 MB',
      '200.0 MB',
      '3.20 TB',
    ]);
  });
});
