// Which time signatures a song can be read in: 4/4, and 2/2 and 2/4 read as 4/4 (a 2/2 bar is a 4/4 bar's length,
// 2/4 bars pair up); anything else, or 2/4 bars that do not pair, is refused with what to change.
import type { TimedMeta } from './midi-sources.js';

const readAsFourFour = new Set(['4/4', '2/2', '2/4']);

/** Why the file's meter cannot be read as 4/4 bars: a fragment to follow "<file> ", or undefined when it can. */
export function songTimeProblem(
  timeSignatures: readonly TimedMeta<[number, number]>[],
  ticksPerBeat: number,
): string | undefined {
  const fourFourBar = 4 * ticksPerBeat;
  let previous = '4/4';
  for (const { tick, value } of timeSignatures) {
    const meter = `${value[0]}/${value[1]}`;
    const beat = `beat ${Math.round((tick / ticksPerBeat) * 100) / 100 + 1}`;
    if (!readAsFourFour.has(meter))
      return (
        `is in ${meter}${tick > 0 ? ` from ${beat}` : ''}; songs are in 4/4 (2/2 and 2/4 are read as 4/4): ` +
        're-bar it in 4/4 in your editor, or give only a stretch of it in 4/4'
      );
    if (previous === '2/4' && meter !== '2/4' && tick % fourFourBar !== 0)
      return (
        `has an odd number of 2/4 bars before ${beat}, so they do not pair into 4/4 bars: add or remove a 2/4 bar ` +
        'there, or re-bar it in 4/4'
      );
    previous = meter;
  }
  return undefined;
}
