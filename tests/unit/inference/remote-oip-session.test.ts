// The remote backend's pure parts: which server addresses it accepts.
import { describe, expect, it } from 'vitest';
import { parseOipServerUrl } from '../../../contract/open-inference.js';

describe('parseOipServerUrl', () => {
  it('takes host:port, grpc:// (plain) and grpcs:// (TLS)', () => {
    expect(parseOipServerUrl('triton.local:8001')).toEqual({ address: 'triton.local:8001', tls: false });
    expect(parseOipServerUrl('grpc://10.0.0.5:8001/')).toEqual({ address: '10.0.0.5:8001', tls: false });
    expect(parseOipServerUrl(' grpcs://models.example:443 ')).toEqual({ address: 'models.example:443', tls: true });
  });

  it('refuses an address without a port, or an http URL, saying what to give', () => {
    expect(parseOipServerUrl('[::1]:8001')).toEqual({ address: '[::1]:8001', tls: false });
    for (const url of ['triton.local', 'http://triton.local:8000', '']) {
      expect(() => parseOipServerUrl(url)).toThrow(/give host:port, grpc:\/\/host:port or grpcs:\/\/host:port/);
    }
  });
});
