// Entry of the inference host process: reads requests from main, answers each with a reply or a coded error.
import { totalmem } from 'node:os';
import { hostRequestSchema, toErrorPayload } from '../../contract/index.js';
import { connectToParent } from './host-channel.js';
import { InferenceRuntime, type InferenceRuntimeOptions } from './inference-runtime.js';

const channel = connectToParent();
const probeModelPath = process.env.MOSAIC_PROBE_MODEL;
if (!probeModelPath) throw new Error('MOSAIC_PROBE_MODEL is not set: the inference host needs its probe graph.');

const runtime = new InferenceRuntime({
  probeModelPath,
  forcedProvider: process.env.MOSAIC_EP,
  platform: process.platform,
  debugOps: process.env.MOSAIC_INFERENCE_DEBUG === '1',
  ortLogLevel: ortLogLevel(process.env.MOSAIC_ORT_LOG_LEVEL),
  sessionBudgetBytes: megabytes(process.env.MOSAIC_SESSION_BUDGET_MB) ?? Math.round(totalmem() / 4),
  intraOpThreads: Number(process.env.MOSAIC_INTRA_OP_THREADS ?? 0) || undefined,
  postProgress: (id, progress) => channel.post({ kind: 'progress', id, ...progress }),
  postTaskProgress: (id, progress) => channel.post({ kind: 'task-progress', id, ...progress }),
  // Settings → Inference → "an Open Inference Protocol server" (main sets these when it starts this process).
  ...(process.env.MOSAIC_OIP_SERVER
    ? { remote: { url: process.env.MOSAIC_OIP_SERVER, token: process.env.MOSAIC_OIP_TOKEN ?? '' } }
    : {}),
});

function megabytes(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed * 1024 * 1024 : undefined;
}

function ortLogLevel(value: string | undefined): InferenceRuntimeOptions['ortLogLevel'] {
  const levels = ['verbose', 'info', 'warning', 'error', 'fatal'] as const;
  return levels.find((level) => level === value);
}

channel.onMessage((raw) => {
  const parsed = hostRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    channel.post({
      kind: 'reply',
      id: typeof id === 'number' ? id : -1,
      ok: false,
      error: { code: 'BAD_REQUEST', message: `Malformed host request: ${parsed.error.message}` },
    });
    return;
  }
  const request = parsed.data;
  runtime.handle(request).then(
    (result) => channel.post({ kind: 'reply', id: request.id, ok: true, result }),
    (error: unknown) => channel.post({ kind: 'reply', id: request.id, ok: false, error: toErrorPayload(error) }),
  );
});

const shutdown = (): void => {
  void runtime.dispose().finally(() => process.exit(0));
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
