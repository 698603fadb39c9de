// What the history shows of a run without its whole result: a one-line summary and a thumbnail's worth of data.
import type { HistoryPreview, HistorySummary, ResponseOf } from '../../contract/index.js';
import { describeKey } from '../../contract/index.js';
import { describeLevelColumns } from '../../contract/levels.js';

export type HistoryRun = ResponseOf<'levels.generate'> | ResponseOf<'music.generate'>;

/** Notes drawn in a thumbnail at most. */
const previewNotes = 512;

export function summaryOf(run: HistoryRun): HistorySummary {
  if (!('seed' in run)) {
    const result = run.result;
    const prompt = result.prompt;
    const region = result.region ? `columns ${describeLevelColumns(result.region.from, result.region.to)} of ` : '';
    return {
      label: `${region}${result.width} columns${prompt ? `, “${prompt}”` : ''}`,
      variations: result.levels.length,
      width: result.width,
      playable: result.levels.filter((level) => level.playable).length,
      prompt,
    };
  }
  const result = run.result;
  const key = result.key ? describeKey(result.key) : undefined;
  const style = result.conditioning.find((token) => token.startsWith('Style_'))?.slice('Style_'.length);
  const part = result.task === 'music.drums' ? 'drums' : 'melody';
  return {
    label: `${result.bars} bars of ${style ? `${style} ` : ''}${part}${key ? ` in ${key}` : ''}`,
    variations: result.variations.length,
    bars: result.bars,
    notes: result.variations[0]?.notes.length ?? 0,
    ...(key ? { key } : {}),
    ...(style ? { style } : {}),
  };
}

export function previewOf(run: HistoryRun): HistoryPreview {
  if (!('seed' in run)) return { rows: run.result.levels[0]?.rows ?? [] };
  const result = run.result;
  const notes = (result.variations[0]?.notes ?? [])
    .slice(0, previewNotes)
    .map((note) => [note.pitch, note.start, note.duration] as [number, number, number]);
  return { notes, ticks: result.bars * 4 * result.ticksPerBeat };
}
