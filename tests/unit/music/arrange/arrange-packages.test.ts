// What a package says it writes: a drums-only model (its manifest's defaults.tracks) is known as one.
import { describe, expect, it } from 'vitest';
import { ArrangePackages } from '../../../../main/inference/tasks/music/arrange/arrange-packages.js';

describe('ArrangePackages.tracksWritten', () => {
  it("reads the parts from the manifest's defaults, in part order", () => {
    expect(ArrangePackages.tracksWritten({ tracks: ['drums', 'bass'] })).toEqual(['bass', 'drums']);
  });

  it('takes every part when the manifest names none', () => {
    expect(ArrangePackages.tracksWritten({})).toEqual(['melody', 'chords', 'bass', 'drums']);
    expect(ArrangePackages.tracksWritten({ tracks: 'drums' })).toEqual(['melody', 'chords', 'bass', 'drums']);
  });
});
