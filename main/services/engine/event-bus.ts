// Typed fan-out of contract events to every front door (IPC windows, SSE clients, in-process listeners).
import type { EventEnvelope, EventId, EventPayloadOf } from '../../../contract/index.js';

export type EventListener = (envelope: EventEnvelope) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventId>(event: E, payload: EventPayloadOf<E>): void {
    const envelope = { event, payload } as EventEnvelope;
    for (const listener of this.listeners) listener(envelope);
  }

  /** Receives every event; returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
