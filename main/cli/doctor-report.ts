// Renders a doctor report for a terminal: one fact per line, checks marked ok or FAIL.
import type { DoctorReport } from '../../contract/index.js';
import type { ServiceRecord } from '../services/service-access/service-record.js';

/** `service`: the app or `mosaic serve` running on this data folder (MOSAIC_HOME/service.json), if any. */
export function formatDoctorReport(report: DoctorReport, service: ServiceRecord | null = null): string {
  const provider = report.inference.executionProvider;
  const lines = [
    `${report.app.name} ${report.app.version}`,
    `  node              ${report.runtime.node} (${report.runtime.platform}-${report.runtime.arch})`,
    `  electron          ${report.runtime.electron ?? 'not running (plain Node)'}`,
    `  onnxruntime-node  ${report.inference.onnxruntimeVersion ?? 'unknown (host not ready)'}`,
    `  inference host    ${hostLine(report.inference)}`,
    `  provider in use   ${provider?.inUse ?? 'none'}${provider ? ` (${provider.reason})` : ''}`,
  ];
  for (const attempt of provider?.tried ?? []) {
    const outcome = attempt.ok ? 'loaded' : `refused: ${attempt.error ?? 'unknown error'}`;
    lines.push(`    tried ${attempt.name.padEnd(7)} ${outcome} (${attempt.elapsedMs.toFixed(0)} ms)`);
  }
  lines.push(`  data folder       ${report.dataFolder}`);
  lines.push(
    `  local API         ${service ? `${service.url} (pid ${service.pid})` : 'not running (start the app or `mosaic serve`)'}`,
  );
  if (service) {
    lines.push(
      `  gRPC (OIP v2)     ${service.grpc ?? 'not served (mosaic serve --grpc-port N, or Settings in the app)'}`,
    );
  }
  lines.push(
    `  installed models  ${report.installedModels.length === 0 ? 'none yet (the bundled models install on first use)' : ''}`,
  );
  for (const model of report.installedModels) {
    lines.push(`    ${model.active ? '*' : ' '} ${model.name}@${model.version}  ${model.task}`);
  }
  lines.push('  checks');
  for (const check of report.checks) lines.push(`    ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return lines.join('\n');
}

function hostLine(status: DoctorReport['inference']): string {
  const pid = status.pid ? ` (pid ${status.pid})` : '';
  const retry = status.nextRetryAt
    ? `; ${status.recentCrashes} crashes in the last minute, next start at ${status.nextRetryAt}`
    : '';
  return `${status.state}${pid}${retry}`;
}
