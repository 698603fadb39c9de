// `mosaic doctor`: versions, execution providers, data folder, installed models and health checks — of the service on
// this data folder when one runs (its inference host may be backing off), else of an engine inside this process.
import { cliFlagsOf } from '../../contract/index.js';
import { readServiceRecord } from '../services/service-access/service-record.js';
import { parseOptions } from './cli-arguments.js';
import type { CliEngine } from './cli-engine.js';
import type { CliIo } from './command-table.js';
import { formatDoctorReport } from './doctor-report.js';

export async function doctorCommand(engine: CliEngine, _verb: string, args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, cliFlagsOf('system.doctor'), 0, 'mosaic doctor --help');
  const report = await engine.call('system.doctor', {}, { origin: 'cli' });
  // The service (the app or `mosaic serve`) on this data folder, if one runs: where the UI, API and scripts go.
  const service = await readServiceRecord(report.dataFolder);
  io.stdout(
    values.json ? `${JSON.stringify({ ...report, service }, null, 2)}\n` : `${formatDoctorReport(report, service)}\n`,
  );
  return report.checks.every((check) => check.ok) ? 0 : 1;
}
