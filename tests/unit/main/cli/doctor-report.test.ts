import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../../contract/index.js';
import { formatDoctorReport } from '../../../../main/cli/doctor-report.js';
import { sampleInfo } from '../../../support/sample-handlers.js';

const report = (inference: Partial<DoctorReport['inference']>): DoctorReport => ({
  ...sampleInfo,
  inference: { ...sampleInfo.inference, ...inference },
  installedModels: [],
  checks: [],
});

describe('mosaic doctor', () => {
  it('names the crash count and the next start while the inference host backs off', () => {
    const text = formatDoctorReport(
      report({ state: 'backing-off', pid: null, recentCrashes: 7, nextRetryAt: '2026-01-01T00:00:04.000Z' }),
    );
    expect(text).toMatch(
      /inference host {4}backing-off; 7 crashes in the last minute, next start at 2026-01-01T00:00:04\.000Z/,
    );
  });

  it('shows a ready host with its pid and no retry', () => {
    expect(formatDoctorReport(report({}))).toMatch(/inference host {4}ready \(pid 42\)\n/);
  });

  it('shows where the gRPC front door listens, from the service record', () => {
    const service = { url: 'http://127.0.0.1:7523', pid: 9 };
    expect(formatDoctorReport(report({}), { ...service, grpc: '127.0.0.1:8001' })).toMatch(
      /gRPC \(OIP v2\) {5}127\.0\.0\.1:8001\n/,
    );
    expect(formatDoctorReport(report({}), service)).toMatch(/gRPC \(OIP v2\) {5}not served/);
    expect(formatDoctorReport(report({}))).not.toMatch(/gRPC/);
  });
});
