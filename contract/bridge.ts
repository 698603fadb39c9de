// What crosses the preload bridge (`window.mosaic`) and what the renderer's client offers on top of it.
import type { ErrorPayload } from './errors.js';
import type { EventEnvelope, EventId, EventPayloadOf } from './events.js';
import type { MethodId, RequestOf, ResponseOf } from './methods.js';

/** The IPC channel of a drag-out request (`window.mosaic.startDrag`), fire-and-forget from a dragstart handler. */
export const dragOutChannel = 'mosaic:start-drag';

/** How a result crosses IPC: Electron flattens thrown errors to a string, so errors travel as data. */
export type CallEnvelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** `window.mosaic`, exposed by the preload: only the contract's methods and events, nothing of Node or Electron. */
export interface MosaicPreloadApi {
  /** The method ids this bridge forwards (the contract's allowlist). */
  readonly methods: readonly MethodId[];
  invoke(method: MethodId, request: unknown): Promise<CallEnvelope<unknown>>;
  /** Receives every event from main; returns the function that unsubscribes. */
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  /** Starts a native drag of a file (e.g. a MIDI clip into a DAW); call it from a dragstart handler. */
  startDrag(file: { name: string; base64: string }): void;
}

/** The typed client the UI uses, over IPC or HTTP alike: calls throw MosaicError with the contract's code. */
export interface MosaicBridge {
  call<M extends MethodId>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventId>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
}
