// What a package says it writes: a drums-only model (its manifest's defaults.tracks) is known as one.
import { describe, expect, it } from 'vitest';
import { ArrangePackages } from '../../../../main/inference/tasks/music/arrange/arrange-packages.js';

const packagesWith = (files: Record<string, string>) =>
  new ArrangePackages((path) => {
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT ${path}`);
    return text;
  });

describe('ArrangePackages.tracksWritten', () => {
  it("reads the parts from the manifest's defaults, in part order", () => {
    const packages = packagesWith({ '/m/manifest.json': JSON.stringify({ defaults: { tracks: ['drums', 'bass'] } }) });
    expect(packages.tracksWritten('/m')).toEqual(['bass', 'drums']);
  });

  it('takes every part when the manifest names none or is missing', () => {
    const packages = packagesWith({ '/a/manifest.json': JSON.stringify({ defaults: {} }) });
    expect(packages.tracksWritten('/a')).toEqual(['melody', 'chords', 'bass', 'drums']);
    expect(packages.tracksWritten('/missing')).toEqual(['melody', 'chords', 'bass', 'drums']);
  });
});
