import { describe, expect, it } from 'vitest';
import {
  MosaicError,
  httpPathOf,
  ipcChannelOf,
  isMethodId,
  methodIds,
  methods,
  toErrorPayload,
} from '../../../contract/index.js';

describe('contract methods', () => {
  it('derives HTTP paths from method ids', () => {
    expect(httpPathOf('system.info')).toBe('/v1/system/info');
    expect(httpPathOf('inference.probe')).toBe('/v1/inference/probe');
    expect(httpPathOf('models.installFromCatalog' as never)).toBe('/v1/models/install-from-catalog');
  });

  it('gives every method a distinct HTTP path and IPC channel', () => {
    const paths = new Set(methodIds.map(httpPathOf));
    const channels = new Set(methodIds.map(ipcChannelOf));
    expect(paths.size).toBe(methodIds.length);
    expect(channels.size).toBe(methodIds.length);
  });

  it('uses GET only for methods whose request is empty', () => {
    for (const id of methodIds) {
      if (methods[id].http === 'GET') expect(methods[id].request.safeParse({}).success).toBe(true);
    }
  });

  it('recognises method ids and rejects prototype keys', () => {
    expect(isMethodId('system.info')).toBe(true);
    expect(isMethodId('toString')).toBe(false);
    expect(isMethodId('__proto__')).toBe(false);
  });

  it('applies request defaults and bounds', () => {
    expect(methods['inference.probe'].request.parse({})).toEqual({ input: [[1, 2, 3, 4]] });
    expect(methods['inference.probe'].request.safeParse({ input: [[1, 2, 3]] }).success).toBe(false);
    expect(methods['system.info'].request.safeParse({ extra: 1 }).success).toBe(false);
  });
});

describe('error payloads', () => {
  it('keeps the code of a MosaicError', () => {
    expect(toErrorPayload(new MosaicError('QUEUE_FULL', 'busy'))).toEqual({ code: 'QUEUE_FULL', message: 'busy' });
  });

  it('keeps a valid code on a plain object and reports anything else as INTERNAL', () => {
    expect(toErrorPayload({ code: 'NOT_FOUND', message: 'gone' })).toEqual({ code: 'NOT_FOUND', message: 'gone' });
    expect(toErrorPayload({ code: 'ENOENT', message: 'no file' })).toEqual({ code: 'INTERNAL', message: 'no file' });
    expect(toErrorPayload(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
    expect(toErrorPayload('text')).toEqual({ code: 'INTERNAL', message: 'text' });
  });
});
