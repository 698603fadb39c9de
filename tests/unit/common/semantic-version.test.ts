import { describe, expect, it } from 'vitest';
import { compareVersions, isPrerelease, newestFirst } from '../../../common/semantic-version.js';

// One ordering for main (catalog resolution, updates) and the renderer (version tables, the Updates group).
describe('semantic versions', () => {
  it('orders by semver precedence, pre-releases below their release, build metadata ignored', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 1; i < ordered.length; i += 1) {
      expect(compareVersions(ordered[i - 1]!, ordered[i]!)).toBe(-1);
      expect(compareVersions(ordered[i]!, ordered[i - 1]!)).toBe(1);
    }
    expect(compareVersions('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
    expect(newestFirst(['1.2.0', '1.10.0', '1.9.9'])).toEqual(['1.10.0', '1.9.9', '1.2.0']);
    expect(isPrerelease('2.0.0-rc.1')).toBe(true);
    expect(isPrerelease('2.0.0+meta')).toBe(false);
    expect(() => compareVersions('1.0', '1.0.0')).toThrow();
  });

  it('orders numeric pre-release identifiers below alphanumeric ones, as semver 11.4.3 says', () => {
    expect(compareVersions('1.0.0-rc.2', '1.0.0-rc.10')).toBe(-1);
    expect(compareVersions('1.0.0-9', '1.0.0-a')).toBe(-1);
    expect(compareVersions('1.0.0-alpha.999', '1.0.0-alpha.beta')).toBe(-1);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1);
  });
});
