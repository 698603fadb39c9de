import { describe, expect, it } from 'vitest';
import { SharedTransfer } from '../../../../../main/services/model-library/shared-transfer.js';

function controllable() {
  let finish!: (value: string) => void;
  let seen: AbortSignal | null = null;
  const transfer = new SharedTransfer<string, number>((signal, report) => {
    seen = signal;
    report(1);
    return new Promise((resolve, reject) => {
      finish = resolve;
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  });
  return { transfer, finish: (value: string) => finish(value), signal: () => seen! };
}

describe('SharedTransfer', () => {
  it('keeps working for the others when one waiter cancels', async () => {
    const { transfer, finish, signal } = controllable();
    const leaving = new AbortController();
    const first = transfer.attach(leaving.signal);
    const second = transfer.attach();
    leaving.abort();
    await expect(first).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(signal().aborted).toBe(false);
    finish('done');
    await expect(second).resolves.toBe('done');
  });

  it('stops the work when the last waiter leaves, and answers only once it has stopped', async () => {
    const { transfer, signal } = controllable();
    const leaving = new AbortController();
    const only = transfer.attach(leaving.signal);
    leaving.abort();
    await expect(only).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(signal().aborted).toBe(true);
    expect(transfer.abandoned).toBe(true);
    await expect(transfer.done).rejects.toThrow('aborted');
  });
});
