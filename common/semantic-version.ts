// Semantic Versioning 2.0.0 precedence, one copy for main and the renderer: order versions, spot pre-releases.
import { semverPattern } from '../contract/model-manifest.js';

interface ParsedVersion {
  core: [number, number, number];
  prerelease: string[];
}

function parse(version: string): ParsedVersion {
  const match = semverPattern.exec(version);
  if (!match) throw new Error(`"${version}" is not a semantic version`);
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    prerelease: match[4] ? match[4].split('.') : [],
  };
}

/** Negative when a < b, zero when they have the same precedence (build metadata is ignored), positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const left = parse(a);
  const right = parse(b);
  for (let i = 0; i < 3; i += 1) {
    const difference = left.core[i]! - right.core[i]!;
    if (difference !== 0) return Math.sign(difference);
  }
  // A version without a pre-release outranks the same version with one (1.0.0 > 1.0.0-rc.1).
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    return Math.sign(right.prerelease.length - left.prerelease.length);
  }
  const length = Math.max(left.prerelease.length, right.prerelease.length);
  for (let i = 0; i < length; i += 1) {
    const l = left.prerelease[i];
    const r = right.prerelease[i];
    if (l === undefined) return -1;
    if (r === undefined) return 1;
    const ln = /^\d+$/.test(l);
    const rn = /^\d+$/.test(r);
    if (ln && rn) {
      const difference = Number(l) - Number(r);
      if (difference !== 0) return Math.sign(difference);
    } else if (ln !== rn) {
      return ln ? -1 : 1;
    } else if (l !== r) {
      return l < r ? -1 : 1;
    }
  }
  return 0;
}

export function isPrerelease(version: string): boolean {
  return parse(version).prerelease.length > 0;
}

/** Sorts newest first. */
export function newestFirst(versions: Iterable<string>): string[] {
  return [...versions].sort((a, b) => compareVersions(b, a));
}
