// The remote backend's pure parts: which cache positions a step sends, and which server addresses it accepts.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { parseOipServerUrl } from '../../../contract/open-inference.js';
import { onlyFilledPositions } from '../../../main/inference/remote/remote-oip-session.js';

describe('onlyFilledPositions', () => {
  it('sends the first past_length positions of each cache tensor, row by row, and leaves the rest as given', () => {
    const [batch, heads, capacity, size] = [2, 1, 4, 2];
    const cache = Float32Array.from({ length: batch * heads * capacity * size }, (_, index) => index);
    const feeds = {
      input_ids: new ort.Tensor('int64', BigInt64Array.of(1n, 2n), [2, 1]),
      past_length: new ort.Tensor('int64', BigInt64Array.of(3n), [1]),
      past_key_0: new ort.Tensor('float32', cache, [batch, heads, capacity, size]),
    };
    const sent = onlyFilledPositions(feeds);
    expect(sent.past_key_0!.dims).toEqual([2, 1, 3, 2]);
    // Row 0 holds values 0–7 (positions 0–3), row 1 8–15: positions 0–2 of each.
    expect(Array.from(sent.past_key_0!.data as Float32Array)).toEqual([0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13]);
    expect(sent.input_ids).toBe(feeds.input_ids);
    expect(sent.past_length).toBe(feeds.past_length);
  });

  it('sends a full cache, or a graph that is not a decoder step, unchanged', () => {
    const full = {
      input_ids: new ort.Tensor('int64', BigInt64Array.of(1n), [1, 1]),
      past_length: new ort.Tensor('int64', BigInt64Array.of(2n), [1]),
      past_key_0: new ort.Tensor('float32', new Float32Array(4), [1, 1, 2, 2]),
    };
    expect(onlyFilledPositions(full).past_key_0).toBe(full.past_key_0);
    const probe = { x: new ort.Tensor('float32', new Float32Array(4), [1, 4]) };
    expect(onlyFilledPositions(probe)).toBe(probe);
  });
});

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
