// Answers system.info, system.doctor and inference.probe from the inference host, the data folder and the model store.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { DoctorReport, ProbeResult, SystemInfo } from '../../../contract/index.js';
import { MosaicError, toErrorPayload } from '../../../contract/index.js';
import type { InferenceHostSupervisor } from '../inference-host-supervisor/inference-host-supervisor.js';

export type InstalledModelSummary = DoctorReport['installedModels'][number];

export interface SystemServiceOptions {
  appVersion: string;
  dataFolder: string;
  host: InferenceHostSupervisor;
  listInstalledModels: () => Promise<InstalledModelSummary[]>;
  /** The probe graph's known answer for the doctor's round-trip check. */
  probeReference: { input: number[][]; output: number[][] };
  runtime?: { node: string; electron: string | null; platform: string; arch: string };
}

export class SystemService {
  constructor(private readonly options: SystemServiceOptions) {}

  async info(): Promise<SystemInfo> {
    // Wait briefly for a host that is starting, so a fresh window shows the provider rather than "starting".
    await Promise.race([this.options.host.start().catch(() => undefined), delay(5_000)]);
    return {
      app: { name: 'Mosaic Studio', version: this.options.appVersion },
      runtime: this.options.runtime ?? {
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        platform: process.platform,
        arch: process.arch,
      },
      inference: this.options.host.status(),
      dataFolder: this.options.dataFolder,
    };
  }

  async probe(input: number[][]): Promise<ProbeResult> {
    const result = await this.options.host.request({ op: 'probe', input });
    const status = this.options.host.status();
    if (!status.executionProvider || status.pid === null) {
      throw new MosaicError('INFERENCE_HOST_UNAVAILABLE', 'The inference host stopped after answering.');
    }
    return { ...result, executionProvider: status.executionProvider.inUse, pid: status.pid };
  }

  async doctor(): Promise<DoctorReport> {
    const info = await this.info();
    const checks: DoctorReport['checks'] = [];
    checks.push(await this.checkDataFolder());
    checks.push(await this.checkProbe());
    checks.push(this.checkHost());
    const installedModels = await this.options.listInstalledModels();
    return { ...info, inference: this.options.host.status(), installedModels, checks };
  }

  private async checkDataFolder(): Promise<DoctorReport['checks'][number]> {
    try {
      await mkdir(this.options.dataFolder, { recursive: true });
      await access(this.options.dataFolder, constants.W_OK);
      return { name: 'data folder writable', ok: true, detail: this.options.dataFolder };
    } catch (error) {
      return { name: 'data folder writable', ok: false, detail: toErrorPayload(error).message };
    }
  }

  /** The supervisor's view: ready, or why not (a crash storm names its crash count and the next try). */
  private checkHost(): DoctorReport['checks'][number] {
    const { host } = this.options;
    const status = host.status();
    const reason = host.notReadyReason();
    const restarts =
      status.restarts === 0 ? 'no restarts' : `${status.restarts} restarts, last after ${status.lastExit}`;
    return {
      name: 'inference host',
      ok: reason === null,
      detail: reason ?? `ready (pid ${status.pid ?? 'unknown'}; ${restarts})`,
    };
  }

  private async checkProbe(): Promise<DoctorReport['checks'][number]> {
    const name = 'inference round trip';
    try {
      const { input, output: expected } = this.options.probeReference;
      const result = await this.probe(input);
      const worst = Math.max(
        ...expected.flatMap((row, r) => row.map((value, c) => Math.abs(value - (result.output[r]?.[c] ?? NaN)))),
      );
      const ok = Number.isFinite(worst) && worst < 1e-4;
      return {
        name,
        ok,
        detail: ok
          ? `probe graph answered on ${result.executionProvider} in ${result.elapsedMs.toFixed(2)} ms (pid ${result.pid})`
          : `probe graph answered wrongly (max error ${worst})`,
      };
    } catch (error) {
      const payload = toErrorPayload(error);
      return { name, ok: false, detail: `${payload.code}: ${payload.message}` };
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
