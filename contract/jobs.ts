// Long-running work (generations, installs) as jobs in a bounded queue: their states, progress and results.
import { z } from 'zod';
import { partialSongSchema } from './arrange.js';
import { errorPayloadSchema } from './errors.js';

/*
 * Job lifecycle:
 *
 *   queued ──slot free──▶ running ──▶ succeeded
 *     │                      ├──────▶ failed
 *     └──cancel──▶ cancelled ◀─cancel─┘ (stops at the next step boundary)
 */
export const jobStates = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export const jobProgressSchema = z.object({
  /** 0–1 when the work knows its size; absent when it does not. */
  fraction: z.number().min(0).max(1).optional(),
  /** A short human line, e.g. "bar 5 of 8". */
  message: z.string().optional(),
  /** Arrange jobs (music.arrange, infill, harmonize, humanize) while running: the song written so far. */
  partial: partialSongSchema.optional(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobSchema = z.object({
  id: z.string(),
  /** The contract method that created it, e.g. `inference.generate`. */
  kind: z.string(),
  label: z.string(),
  state: z.enum(jobStates),
  progress: jobProgressSchema,
  /** Jobs ahead of this one while queued. */
  position: z.number().int().nonnegative().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: errorPayloadSchema.nullable(),
});
export type Job = z.infer<typeof jobSchema>;
