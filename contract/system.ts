// What the app reports about itself: versions, the inference host's state and execution provider, data folder.
import { z } from 'zod';

export const executionProviderNames = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'] as const;
export const executionProviderNameSchema = z.enum(executionProviderNames);
export type ExecutionProviderName = z.infer<typeof executionProviderNameSchema>;

export const providerAttemptSchema = z.object({
  name: executionProviderNameSchema,
  ok: z.boolean(),
  /** Why onnxruntime refused this provider (absent when it loaded). */
  error: z.string().optional(),
  /** Time spent creating the probe session with this provider, in milliseconds. */
  elapsedMs: z.number().nonnegative(),
});
export type ProviderAttempt = z.infer<typeof providerAttemptSchema>;

export const executionProviderReportSchema = z.object({
  /** The provider sessions are created with; the first in `tried` that loaded. */
  inUse: executionProviderNameSchema,
  /** Every provider tried, best first, with the outcome. */
  tried: z.array(providerAttemptSchema),
  /** Why this order: the platform default, or MOSAIC_EP forcing one. */
  reason: z.string(),
});
export type ExecutionProviderReport = z.infer<typeof executionProviderReportSchema>;

/*
 * Inference host lifecycle, owned by main's InferenceHostSupervisor:
 *
 *                      ┌──── after 100 ms, 200 ms, 400 ms … ──── restarting ◀─────────────────┐ at most maxCrashes
 *                      ▼                                                                      │ exits in the window
 *   stopped ──start──▶ starting ──hello ok──▶ ready ──process exits───────────────────────────┤
 *                      ▲  │ └──process exits──────────────────────────────────────────────────┤
 *                      │  │                                                                   │ more: a storm, or
 *                      └──┼── at nextRetryAt: 1 s, 2 s, 4 s … 30 s, for ever ── backing-off ◀─┘ an exit during one
 *                         └──hello refused──▶ failed ──start──▶ starting  (alive, but no provider loads the probe)
 *   any ──dispose──▶ stopped
 *
 * A storm ends when the host stays up for a whole crash window (60 s). While `backing-off`, requests are refused at
 * once with INFERENCE_HOST_BACKING_OFF, saying when the next try is.
 */
export const inferenceHostStates = ['starting', 'ready', 'restarting', 'backing-off', 'failed', 'stopped'] as const;
export const inferenceHostStatusSchema = z.object({
  state: z.enum(inferenceHostStates),
  /** Operating-system process id of the host, null while none runs. */
  pid: z.number().int().nullable(),
  /** How many times the host has been restarted after exiting unexpectedly. */
  restarts: z.number().int().nonnegative(),
  /** Unexpected exits inside the supervisor's crash window (60 s by default), counted at the last exit. */
  recentCrashes: z.number().int().nonnegative(),
  /** When the supervisor next starts the host (ISO 8601), while `restarting` or `backing-off`; otherwise null. */
  nextRetryAt: z.string().nullable(),
  /** Known once the host has said hello. */
  onnxruntimeVersion: z.string().nullable(),
  executionProvider: executionProviderReportSchema.nullable(),
  /** Why the host last exited, when it did. */
  lastExit: z.string().nullable(),
});
export type InferenceHostStatus = z.infer<typeof inferenceHostStatusSchema>;

export const systemInfoSchema = z.object({
  app: z.object({ name: z.string(), version: z.string() }),
  runtime: z.object({
    node: z.string(),
    /** Electron's version when running inside the desktop shell, null under plain Node. */
    electron: z.string().nullable(),
    platform: z.string(),
    arch: z.string(),
  }),
  inference: inferenceHostStatusSchema,
  /** Absolute path of MOSAIC_HOME, where models, settings and history live. */
  dataFolder: z.string(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

export const doctorCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});

export const installedModelSummarySchema = z.object({
  name: z.string(),
  version: z.string(),
  task: z.string(),
  active: z.boolean(),
});

export const doctorReportSchema = systemInfoSchema.extend({
  installedModels: z.array(installedModelSummarySchema),
  checks: z.array(doctorCheckSchema),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;

export const probeRequestSchema = z.object({
  /** Rows of 4 numbers fed to the bundled probe graph (y = relu(xW + b)). */
  input: z
    .array(z.array(z.number()).length(4))
    .min(1)
    .max(64)
    .default([[1, 2, 3, 4]]),
});
export const probeResultSchema = z.object({
  output: z.array(z.array(z.number())),
  executionProvider: executionProviderNameSchema,
  /** Wall time of the run inside the inference host, in milliseconds. */
  elapsedMs: z.number().nonnegative(),
  /** Operating-system process id of the host that answered. */
  pid: z.number().int(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

/**
 * How to reach this service's HTTP API from elsewhere (a DAW script, a browser tab, another Studio's remote backend):
 * the URL it listens on (null while it is not listening), the bearer token every /v1 and /v2 route requires, and the
 * file the token is kept in (MOSAIC_HOME/api-token; MOSAIC_API_TOKEN overrides the file's token).
 */
export const apiAccessSchema = z.object({
  baseUrl: z.string().nullable(),
  token: z.string(),
  tokenFile: z.string(),
});
export type ApiAccess = z.infer<typeof apiAccessSchema>;
