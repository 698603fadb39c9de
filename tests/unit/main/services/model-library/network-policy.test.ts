import { describe, expect, it } from 'vitest';
import { NetworkPolicy, isLoopbackHostname } from '../../../../../main/services/model-library/network-policy.js';

describe('NetworkPolicy', () => {
  it('allows https anywhere, plain http to loopback and to allowed hosts only, and nothing else', () => {
    const allowed = ['lan-server'];
    const policy = new NetworkPolicy(() => allowed);
    const check = (url: string) => () => policy.check(new URL(url));
    expect(check('https://models.example.com/catalog.json')).not.toThrow();
    for (const url of [
      'http://127.0.0.1:9/',
      'http://localhost/',
      'http://[::1]:8080/',
      'http://127.8.9.10/',
      'http://LAN-SERVER/x',
    ]) {
      expect(check(url)).not.toThrow();
    }
    for (const url of [
      'http://models.example.com/',
      'http://127.0.0.1.evil.com/',
      'http://10.0.0.2/',
      'file:///etc/passwd',
      'ftp://x/',
    ]) {
      expect(check(url)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    expect(isLoopbackHostname('localhost.evil.com')).toBe(false);
  });
});
