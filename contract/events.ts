// Events main pushes to every front door (IPC, server-sent events); clients load state, then follow these.
import type { z } from 'zod';
import { historyChangeSchema } from './history-methods.js';
import { jobSchema } from './jobs.js';
import { installJobSchema, libraryChangeSchema } from './model-library.js';
import { inferenceHostStatusSchema } from './system.js';

export const events = {
  'inference.didChangeState': inferenceHostStatusSchema,
  /** Every state change of an install job, and its progress at most a few times a second. */
  'models.didProgressInstall': installJobSchema,
  /** The installed models, their active versions or the catalogs changed: reload models.list. */
  'models.didChange': libraryChangeSchema,
  /** A generation job was queued, started, progressed or finished. */
  'jobs.didChange': jobSchema,
  /** A generation was recorded in the history, or entries were removed: reload history.list. */
  'history.didChange': historyChangeSchema,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventId = keyof Events;
export type EventPayloadOf<E extends EventId> = z.output<Events[E]>;

export const eventIds = Object.keys(events) as EventId[];

export function isEventId(value: string): value is EventId {
  return Object.hasOwn(events, value);
}

/** The IPC channel an event travels on. */
export const ipcEventChannel = 'mosaic:event';

export interface EventEnvelope<E extends EventId = EventId> {
  event: E;
  payload: EventPayloadOf<E>;
}
