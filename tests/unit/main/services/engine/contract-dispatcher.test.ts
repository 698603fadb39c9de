import { describe, expect, it } from 'vitest';
import type { SystemInfo } from '../../../../../contract/index.js';
import { ContractDispatcher } from '../../../../../main/services/engine/contract-dispatcher.js';
import { sampleHandlers as handlers, sampleInfo } from '../../../../support/sample-handlers.js';

describe('ContractDispatcher', () => {
  it('validates the request, applies defaults, and returns the handler answer', async () => {
    const dispatcher = new ContractDispatcher(handlers());
    const result = await dispatcher.call('inference.probe', {}, { origin: 'internal' });
    expect(result.output).toEqual([[2, 4, 6, 8]]);
  });

  it('rejects an invalid request with BAD_REQUEST and the schema issues', async () => {
    const dispatcher = new ContractDispatcher(handlers());
    await expect(dispatcher.call('inference.probe', { input: 'nope' }, { origin: 'http' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('input'),
    });
  });

  it('answers NOT_FOUND for an unknown method', async () => {
    const dispatcher = new ContractDispatcher(handlers());
    await expect(dispatcher.dispatch('system.format', {}, { origin: 'ipc' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a handler answer outside the contract', async () => {
    const dispatcher = new ContractDispatcher(
      handlers({ 'system.info': async () => ({ ...sampleInfo, dataFolder: 7 }) as unknown as SystemInfo }),
    );
    await expect(dispatcher.call('system.info', {}, { origin: 'internal' })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });
});
