// A bridge that answers contract calls from a table and records them, and an in-memory storage, for store tests.
import type { StateStorage } from 'zustand/middleware';
import type { EventId, EventPayloadOf, MosaicBridge } from '../../contract/index.js';

export type BridgeCalls = { method: string; request: unknown }[];

/** Answers each method from `answers`; any other call fails the test. Events fire only when the test emits them. */
export function fakeBridge(
  answers: Partial<Record<string, (request: never) => unknown>>,
): MosaicBridge & { calls: BridgeCalls; emit: <E extends EventId>(event: E, payload: EventPayloadOf<E>) => void } {
  const calls: BridgeCalls = [];
  const listeners = new Set<{ event: EventId; listener: (payload: never) => void }>();
  return {
    calls,
    emit: (event, payload) => {
      for (const entry of [...listeners]) if (entry.event === event) entry.listener(payload as never);
    },
    call: async (method, request) => {
      calls.push({ method, request });
      const answer = answers[method];
      if (!answer) throw new Error(`unexpected ${method}`);
      return answer(request as never) as never;
    },
    on: (event, listener) => {
      const entry = { event, listener: listener as (payload: never) => void };
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}

/** Storage that keeps what the store persists for the test's lifetime (starting from `initial`), open as `data`. */
export function memoryStorage(initial: Record<string, string> = {}): StateStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => void (data[key] = value),
    removeItem: (key) => void delete data[key],
  };
}
