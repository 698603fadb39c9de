// Where a `mosaic` command's contract calls go: the running service (the app or `mosaic serve`) when there is one —
// its History, event stream and loaded models then see the call — else an engine started inside this process, and
// only when a call needs it (a command answered by the service never pays for starting one).
import type { EventId, EventPayloadOf, MethodId, RequestOf, ResponseOf } from '../../contract/index.js';
import { methods, serverPathFieldsOf, serverPathsIn } from '../../contract/index.js';
import type { CallContext } from '../services/engine/contract-dispatcher.js';
import type { MosaicCore } from '../services/mosaic-core.js';
import {
  findDataFolderService,
  findRunningService,
  type ContractCaller,
  type RunningService,
} from './running-service.js';

/**
 * Which service a command uses: the one on this data folder (MOSAIC_HOME/service.json: generations, history, the
 * model library); any one found (MOSAIC_URL, service.json, the default port: `ps`, `load`, `unload`, `tokens`, about
 * loaded models); or none (`serve` is the service).
 */
export type ServiceReach = 'data-folder' | 'any' | 'none';

export interface CliEngine extends ContractCaller {
  /** The service calls go to, or null when they run in this process. */
  readonly service: RunningService | null;
  /** Events of wherever the calls go (the service's event stream, or this process's engine). */
  on<E extends EventId>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
  /** The engine inside this process, started on first use. */
  local(): Promise<MosaicCore>;
  /** Closes the event stream and stops the engine inside this process if one was started. */
  dispose(): Promise<void>;
}

/**
 * An engine that sends calls to `service` when there is one, else to the engine `startLocal` makes (once, on first
 * use). A request that names a file or folder on this machine (the contract's serverPathSchema: models export,
 * import, publish, a catalog folder) runs in this process even when a service runs: the HTTP API refuses such paths.
 */
export function createCliEngine(
  service: RunningService | null,
  startLocal: () => Promise<MosaicCore>,
  onDispose: () => void = () => undefined,
): CliEngine {
  let local: Promise<MosaicCore> | null = null;
  const listeners = new Set<{ event: EventId; listener: (payload: never) => void }>();
  const startedLocal = (): Promise<MosaicCore> => {
    local ??= startLocal().then((core) => {
      core.events.subscribe(({ event, payload }) => {
        for (const entry of listeners) if (entry.event === event) entry.listener(payload as never);
      });
      return core;
    });
    return local;
  };
  return {
    service,
    async call<M extends MethodId>(method: M, request: RequestOf<M>, context: CallContext): Promise<ResponseOf<M>> {
      if (service && !namesServerPath(method, request)) return service.bridge.call(method, request);
      return (await startedLocal()).dispatcher.call(method, request, context);
    },
    on(event, listener) {
      if (service) return service.bridge.on(event, listener);
      const entry = { event, listener: listener as (payload: never) => void };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    local: startedLocal,
    async dispose() {
      onDispose();
      if (local) await (await local).dispose();
    },
  };
}

/** Finds the service a command reaches (see ServiceReach) and makes its engine. */
export async function openCliEngine(
  reach: ServiceReach,
  startLocal: () => Promise<MosaicCore>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliEngine> {
  const events = new AbortController();
  const service =
    reach === 'data-folder'
      ? await findDataFolderService(env, 1_000, events.signal)
      : reach === 'any'
        ? await findRunningService(env, 500, events.signal)
        : null;
  return createCliEngine(service, startLocal, () => events.abort());
}

/** Whether the request fills a field that names a path on this machine (which only this process may act on). */
export function namesServerPath(method: MethodId, request: unknown): boolean {
  return serverPathsIn(serverPathFieldsOf(methods[method].request), request).length > 0;
}
