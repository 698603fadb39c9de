// The service's own settings (MOSAIC_HOME/settings.json): where inference runs — onnxruntime on this machine, or every
// forward pass on an Open Inference Protocol server — and the gRPC port the desktop app serves. Changing the backend
// restarts the inference host with it; listeners (the app's gRPC front door) hear every change.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MosaicError } from '../../../contract/index.js';
import {
  parseOipServerUrl,
  serviceSettingsSchema,
  type InferenceBackend,
  type ServiceSettings,
} from '../../../contract/open-inference.js';
import type { Logger } from '../../platform/logger.js';

export const serviceSettingsFileName = 'settings.json';

/** The inference host's environment for a backend (undefined: remove the variable). */
export function hostEnvOf(backend: InferenceBackend): Record<string, string | undefined> {
  return backend.kind === 'oip'
    ? { MOSAIC_OIP_SERVER: backend.url, MOSAIC_OIP_TOKEN: backend.token }
    : { MOSAIC_OIP_SERVER: undefined, MOSAIC_OIP_TOKEN: undefined };
}

const defaults: ServiceSettings = { inference: { kind: 'local' }, grpcPort: null };

export interface ServiceSettingsOptions {
  dataFolder: string;
  logger?: Logger;
  /** Restarts the inference host with a backend's environment. */
  applyBackend: (env: Record<string, string | undefined>) => Promise<void>;
}

export class ServiceSettingsStore {
  private current: ServiceSettings;
  private readonly listeners = new Set<(settings: ServiceSettings) => void | Promise<void>>();
  readonly file: string;

  constructor(private readonly options: ServiceSettingsOptions) {
    this.file = join(options.dataFolder, serviceSettingsFileName);
    this.current = this.read();
  }

  get(): ServiceSettings {
    return this.current;
  }

  /** Checks, saves and applies a change; answers the settings now in force. */
  async update(change: Partial<ServiceSettings>): Promise<ServiceSettings> {
    if (change.inference?.kind === 'oip') parseOipServerUrl(change.inference.url);
    const next = serviceSettingsSchema.parse({ ...this.current, ...change });
    const backendChanged = JSON.stringify(next.inference) !== JSON.stringify(this.current.inference);
    this.write(next);
    this.current = next;
    if (backendChanged) await this.options.applyBackend(hostEnvOf(next.inference));
    // Answered once the change is in force (the gRPC front door has moved), so the answer says where it listens.
    await Promise.all([...this.listeners].map((listener) => listener(next)));
    return next;
  }

  onDidChange(listener: (settings: ServiceSettings) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The saved settings; the defaults when there are none, or (logged) when the file is damaged. */
  private read(): ServiceSettings {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return defaults;
    }
    try {
      return serviceSettingsSchema.parse({ ...defaults, ...(JSON.parse(text) as object) });
    } catch (error) {
      this.options.logger?.warn(`${this.file} is not valid settings; using the defaults`, { error: String(error) });
      return defaults;
    }
  }

  /** Whole or not at all (a temp file renamed over it); the token inside makes it owner-only (0600). */
  private write(settings: ServiceSettings): void {
    try {
      mkdirSync(this.options.dataFolder, { recursive: true });
      const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, this.file);
    } catch (error) {
      throw new MosaicError('STORE_UNWRITABLE', `Cannot save ${this.file}: ${String(error)}`);
    }
  }
}
