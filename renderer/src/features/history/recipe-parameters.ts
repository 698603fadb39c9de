// A History entry's request as the Parameters line shows it: name and value pairs, data fields left out, a key and a
// regenerated span named as the rest of the Studio names them ("Bb minor", "columns 23–41").
import { describeKey, describeLevelColumns, musicKeySchema, type HistoryItem } from '../../../../contract/index.js';

/** Request fields that are data rather than parameters (shown as counts or not at all). */
const hiddenFields = new Set([
  'model',
  'seed',
  'rows',
  'primer',
  'primerMidi',
  'followMidi',
  'song',
  'between',
  'dungeon',
]);

function parameterText(name: string, value: unknown): string {
  if (name === 'key') {
    const key = musicKeySchema.safeParse(value);
    if (key.success) return describeKey(key.data);
  }
  // Cells of a song (infill): "bass bars 2–3", counted from 1 as Arrange shows them.
  if (name === 'cells' && Array.isArray(value)) {
    return value
      .map((cell: { track?: unknown; fromBar?: unknown; toBar?: unknown }) =>
        typeof cell.fromBar === 'number' && typeof cell.toBar === 'number'
          ? `${String(cell.track)} bars ${cell.fromBar + 1}–${cell.toBar + 1}`
          : String(cell.track),
      )
      .join(', ');
  }
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([field, inner]) => `${field} ${String(inner)}`)
      .join(', ');
  }
  return String(value);
}

export function recipeParameters(item: HistoryItem): [string, string][] {
  const { from, to } = item.request;
  const span = typeof from === 'number' && typeof to === 'number';
  const parameters: [string, string][] = [];
  // A song given to infill or harmonize has its own length; the request's `bars` (a default it ignores) would mislead.
  const song = item.request.song as { bars?: unknown } | undefined;
  const songBars = typeof song?.bars === 'number' ? song.bars : undefined;
  for (const [name, original] of Object.entries(item.request)) {
    const value = name === 'bars' && songBars !== undefined ? songBars : original;
    if (hiddenFields.has(name) || value === undefined) continue;
    // A regenerated span reads inclusively, as its title and the Levels workspace say it; the request keeps [from, to).
    if (span && name === 'to') continue;
    if (span && name === 'from') parameters.push(['columns', describeLevelColumns(from, to)]);
    else {
      // An empty object or list (density {} when no part's density was set) says nothing.
      const text = parameterText(name, value);
      if (text !== '') parameters.push([name, text]);
    }
  }
  return parameters;
}
