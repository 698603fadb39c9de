// What the history shows of a run without its whole result: a one-line summary and a thumbnail's worth of data.
import type { ArrangeRun, DungeonRun, HistoryPreview, HistorySummary, ResponseOf } from '../../../contract/index.js';
import { arrangeTrackTitles, describeKey, isDungeonRun } from '../../../contract/index.js';
import { describeLevelColumns } from '../../../contract/levels.js';
import { dungeonMapRows } from '../dungeons/dungeon-files/vglc-zelda.js';

export type HistoryRun = ResponseOf<'levels.generate'> | ResponseOf<'music.generate'> | ArrangeRun | DungeonRun;

/** Notes drawn in a thumbnail at most (a song's, over all its lanes). */
const previewNotes = 512;

function isSongRun(run: HistoryRun): run is ArrangeRun {
  return 'seed' in run && run.result.task === 'music.arrange';
}

/** The request's sentence for a generation ("12 rooms, 1 key, …"); "Room redrawn: room 3 of 12" for one room. */
function dungeonSummaryOf(run: DungeonRun): HistorySummary {
  const result = run.result;
  const rooms = result.dungeons[0]?.rooms.length ?? 0;
  return {
    label: result.mode === 'regenerateRoom' ? `Room redrawn: ${result.prompt}` : result.prompt,
    variations: result.dungeons.length,
    playable: result.dungeons.filter((dungeon) => dungeon.playable).length,
    prompt: result.prompt,
    rooms,
  };
}

/** `method` says what an arranged run did: a new song, rewritten cells, parts under a melody, humanized drums. */
export function summaryOf(run: HistoryRun, method?: string): HistorySummary {
  if (isDungeonRun(run)) return dungeonSummaryOf(run);
  if (isSongRun(run)) return songSummaryOf(run, method);
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

/** How a song's label starts for the calls that changed a given song (a new one starts with its length). */
function songPrefix(method: string | undefined, cells: number): string {
  if (method === 'music.infill') return `Infill of ${cells} ${cells === 1 ? 'cell' : 'cells'}: `;
  if (method === 'music.harmonize') return 'Harmonized: ';
  if (method === 'music.humanize') return 'Humanized: ';
  return '';
}

function songSummaryOf(run: ArrangeRun, method: string | undefined): HistorySummary {
  const result = run.result;
  const first = result.variations[0];
  const tracks = (first?.tracks ?? []).filter((track) => track.notes.length > 0).map((track) => track.track);
  const key = result.key ? describeKey(result.key) : undefined;
  const parts = tracks.map((track) => arrangeTrackTitles[track].toLowerCase()).join(', ');
  const prefix = songPrefix(method, first?.filledCells.length ?? 0);
  return {
    label: `${prefix}${result.bars} bars of ${result.style}: ${parts || 'no notes'}${key ? ` in ${key}` : ''}`,
    variations: result.variations.length,
    bars: result.bars,
    notes: (first?.tracks ?? []).reduce((sum, track) => sum + track.notes.length, 0),
    tracks,
    ...(key ? { key } : {}),
    style: result.style,
  };
}

export function previewOf(run: HistoryRun): HistoryPreview {
  if (isDungeonRun(run)) {
    const first = run.result.dungeons[0];
    return { rows: first ? dungeonMapRows(first) : [] };
  }
  if (isSongRun(run)) {
    const result = run.result;
    const tracks = (result.variations[0]?.tracks ?? []).filter((track) => track.notes.length > 0);
    // Each lane gets its share of the notes drawn, so a busy drum lane cannot crowd out the melody.
    const share = Math.floor(previewNotes / Math.max(1, tracks.length));
    const lanes = tracks.map((track) => ({
      track: track.track,
      notes: track.notes
        .slice(0, share)
        .map((note) => [note.pitch, note.start, note.duration] as [number, number, number]),
    }));
    return { lanes, ticks: result.bars * 4 * result.ticksPerBeat };
  }
  if (!('seed' in run)) return { rows: run.result.levels[0]?.rows ?? [] };
  const result = run.result;
  const notes = (result.variations[0]?.notes ?? [])
    .slice(0, previewNotes)
    .map((note) => [note.pitch, note.start, note.duration] as [number, number, number]);
  return { notes, ticks: result.bars * 4 * result.ticksPerBeat };
}
