// 50 clients submit a generation at once against a small queue: each is answered 200 with its tokens or 429
// QUEUE_FULL at once; none is lost or left hanging.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiWorld, type ApiWorld } from './api-world.js';

let world: ApiWorld;
const capacity = 3;

beforeAll(async () => {
  world = await createApiWorld({ MOSAIC_QUEUE_CAPACITY: String(capacity) });
}, 120_000);

afterAll(async () => {
  await world?.dispose();
});

it('answers 50 concurrent generations with 200 or an immediate 429 QUEUE_FULL, none lost', async () => {
  const clients = 50;
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const sent = performance.now();
      const response = await world.api('/v1/inference/generate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: { name: 'tiny-counter' },
          prompt: [0, 1, 2].map((step) => (client + step) % 32),
          variations: 16,
          maxNewTokens: 60,
          sampling: { temperature: 0 },
        }),
        signal: AbortSignal.timeout(90_000),
      });
      const body = (await response.json()) as { tokens?: number[][]; error?: { code: string } };
      return { client, status: response.status, body, ms: performance.now() - sent };
    }),
  );
  const ok = outcomes.filter((outcome) => outcome.status === 200);
  const full = outcomes.filter((outcome) => outcome.status === 429);
  console.log(
    `${clients} clients: ${ok.length} × 200, ${full.length} × 429 in ${Math.round(performance.now() - started)} ms; ` +
      `slowest 429 ${Math.round(Math.max(0, ...full.map((o) => o.ms)))} ms, slowest 200 ${Math.round(Math.max(0, ...ok.map((o) => o.ms)))} ms`,
  );
  expect(ok.length + full.length).toBe(clients);
  expect(ok.length).toBeGreaterThanOrEqual(capacity);
  expect(full.length).toBeGreaterThan(0);
  for (const outcome of full) expect(outcome.body.error?.code).toBe('QUEUE_FULL');
  // The counting decoder continues the prompt: every finished generation is complete and right.
  for (const outcome of ok) {
    const first = outcome.client % 32;
    const expected = Array.from({ length: 60 }, (_, step) => (first + 3 + step) % 32);
    expect(outcome.body.tokens).toHaveLength(16);
    for (const row of outcome.body.tokens ?? []) expect(row).toEqual(expected);
  }
  // A refusal comes at once, not after waiting for a place: faster than the slowest completed generation.
  const slowestRefusal = Math.max(...full.map((o) => o.ms));
  const slowestSuccess = Math.max(...ok.map((o) => o.ms));
  expect(slowestRefusal).toBeLessThan(Math.max(5_000, slowestSuccess));
  // The queue is empty again and the service answers.
  const jobs = (await world.api('/v1/jobs/list').then((response) => response.json())) as {
    jobs: { state: string }[];
  };
  expect(jobs.jobs.filter((job) => job.state === 'queued' || job.state === 'running')).toEqual([]);
}, 180_000);
