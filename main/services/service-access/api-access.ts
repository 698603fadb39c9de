// The HTTP API's bearer token: kept in MOSAIC_HOME/api-token (mode 0600, written atomically, created on first use),
// overridden by MOSAIC_API_TOKEN; plus the address the API listens on, for system.apiAccess.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiAccess } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import type { Logger } from '../../platform/logger.js';
import { removeServiceRecord, writeServiceRecord } from './service-record.js';

export const apiTokenFileName = 'api-token';
export const apiTokenEnv = 'MOSAIC_API_TOKEN';

/** A fresh token: 32 random bytes, base64url (43 characters). */
export function newApiToken(): string {
  return randomBytes(32).toString('base64url');
}

export function apiTokenFile(dataFolder: string): string {
  return join(dataFolder, apiTokenFileName);
}

/** Constant-time comparison (of digests, so the lengths match whatever is sent). */
export function tokensMatch(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerTokenOf(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Reads the token file, tightening its mode to 0600 when group or others could read it (POSIX only). Null when the
 * file does not exist or holds no token.
 */
export async function readApiTokenFile(file: string, logger?: Logger): Promise<string | null> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    try {
      await chmod(file, 0o600);
      logger?.warn('the API token file was readable by others; its mode is now 0600', { file });
    } catch {
      throw new MosaicError(
        'FORBIDDEN',
        `${file} is readable by other users and its mode cannot be changed; remove it and start again.`,
      );
    }
  }
  const token = (await readFile(file, 'utf8')).trim();
  return token.length > 0 ? token : null;
}

/** Writes a new token file atomically (temp file, then link, so a concurrent start keeps the first token). */
async function createApiTokenFile(file: string, folder: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const token = newApiToken();
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${token}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
    return token;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      const theirs = await readApiTokenFile(file);
      if (theirs) return theirs;
    }
    // Filesystems without hard links (or an empty file left behind): replace it whole.
    await rename(temp, file);
    return token;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

export interface ApiAccessOptions {
  dataFolder: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

/** The token every /v1 and /v2 route asks for, and where the API listens; shared by the HTTP server and the contract. */
export class ApiAccessService {
  private pending: Promise<string> | null = null;
  private baseUrl: string | null = null;
  private grpcAddress: string | null = null;
  readonly tokenFile: string;

  constructor(private readonly options: ApiAccessOptions) {
    this.tokenFile = apiTokenFile(options.dataFolder);
  }

  /** MOSAIC_API_TOKEN when set, else the token file's token, created on first use. */
  token(): Promise<string> {
    this.pending ??= this.load();
    this.pending.catch(() => (this.pending = null));
    return this.pending;
  }

  setBaseUrl(url: string | null): void {
    this.baseUrl = url;
  }

  /**
   * The API now listens at `url`: system.apiAccess says so, and MOSAIC_HOME/service.json tells the CLI where to find
   * it. A record that cannot be written only costs that discovery.
   */
  async announce(url: string): Promise<void> {
    this.setBaseUrl(url);
    await this.writeRecord();
  }

  /** The Open Inference Protocol's gRPC front door listens at `address` (host:port): recorded in service.json too. */
  async announceGrpc(address: string | null): Promise<void> {
    this.grpcAddress = address;
    if (this.baseUrl) await this.writeRecord();
  }

  /** Where the gRPC front door listens (host:port), or null. */
  grpc(): string | null {
    return this.grpcAddress;
  }

  private async writeRecord(): Promise<void> {
    if (!this.baseUrl) return;
    await writeServiceRecord(this.options.dataFolder, this.baseUrl, process.pid, this.grpcAddress).catch(
      (error: unknown) => this.options.logger?.warn('could not record where the API listens', { error: String(error) }),
    );
  }

  /** The API has stopped listening: forgets the address and removes this process's service record. */
  async withdraw(): Promise<void> {
    this.setBaseUrl(null);
    this.grpcAddress = null;
    await removeServiceRecord(this.options.dataFolder);
  }

  async describe(): Promise<ApiAccess> {
    return { baseUrl: this.baseUrl, token: await this.token(), tokenFile: this.tokenFile };
  }

  private async load(): Promise<string> {
    const fromEnv = (this.options.env ?? process.env)[apiTokenEnv]?.trim();
    if (fromEnv) return fromEnv;
    return (
      (await readApiTokenFile(this.tokenFile, this.options.logger)) ??
      createApiTokenFile(this.tokenFile, this.options.dataFolder)
    );
  }
}

/**
 * The token a CLI verb sends to a running service: MOSAIC_API_TOKEN, else MOSAIC_HOME's token file (never created
 * here). Null when neither exists.
 */
export async function apiTokenForClient(
  dataFolder: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  const fromEnv = env[apiTokenEnv]?.trim();
  if (fromEnv) return fromEnv;
  return readApiTokenFile(apiTokenFile(dataFolder)).catch(() => null);
}
