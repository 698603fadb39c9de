// Arranged music for the front doors: new songs, rewritten cells (or the bars between two clips), chords and bass under
// a melody, humanized drums — all one task (`music.arrange`) given different songs and cells — and song exports.
import type {
  ArrangeResult,
  ArrangeTrack,
  CellSpan,
  MusicKey,
  ParsedRequestOf,
  ResponseOf,
  SongInput,
  SongTrack,
} from '../../../contract/index.js';
import { MosaicError, arrangeTracks, musicTicksPerBar, taskTable } from '../../../contract/index.js';
import { detectKey } from '../../../common/key-detection.js';
import type { CallContext } from '../engine/contract-dispatcher.js';
import { exportSong, type SongWavRendering } from './music-files/song-export.js';
import { readSong } from './music-files/song-reader.js';
import { decodeBase64, randomSeed } from './music-service.js';
import type { TaskRunner } from '../engine/task-runner.js';

type ArrangeRun = ResponseOf<'music.arrange'>;

/** Songs the arrange task takes at most, in bars (its params' limit). */
const maxSongBars = 32;

/** A song as the service reads it from a request: parts, length and what the file says of tempo and key. */
interface ReadSong {
  tracks: SongTrack[];
  bars: number;
  tempo?: number;
  key?: MusicKey;
}

export class ArrangeService {
  constructor(
    private readonly tasks: TaskRunner,
    private readonly wav: SongWavRendering,
  ) {}

  async arrange(request: ParsedRequestOf<'music.arrange'>, context: CallContext): Promise<ArrangeRun> {
    const { model, seed = randomSeed(), ...fields } = request;
    const label = `${fields.variations} × ${fields.bars} bars of ${fields.tracks.join(', ')}`;
    const run = await this.tasks.run(
      taskTable['music.arrange'],
      { kind: 'music.arrange', label, model, params: { ...fields, seed } },
      context,
    );
    return { ...run, seed };
  }

  async infill(request: ParsedRequestOf<'music.infill'>, context: CallContext): Promise<ArrangeRun> {
    const { model, seed = randomSeed(), song: songInput, cells: asked, between, tempo, key, ...fields } = request;
    let song: ReadSong;
    let cells: CellSpan[];
    let label: string;
    if (between) {
      const first = readInput(between.first, 'The first clip (between.first)');
      const second = readInput(between.second, 'The second clip (between.second)');
      song = joinClips(first, second, between.bars);
      const parts = arrangeTracks.filter((track) => song.tracks.some((part) => part.track === track));
      cells = parts.map((track) => ({ track, fromBar: first.bars, toBar: first.bars + between.bars - 1 }));
      label = `${between.bars} bars between two clips`;
    } else {
      song = readInput(songInput!, 'The song');
      cells = asked!;
      checkCellsInside(cells, song.bars);
      label = `rewrite ${describeCells(cells)}`;
    }
    checkLength(song.bars);
    const tracks = arrangeTracks.filter(
      (track) => song.tracks.some((part) => part.track === track) || cells.some((cell) => cell.track === track),
    );
    const params = {
      ...fields,
      bars: song.bars,
      tracks,
      song: song.tracks,
      fill: cells,
      tempo: tempo ?? song.tempo ?? 120,
      ...keyOf(key, song),
      seed,
    };
    const run = await this.tasks.run(
      taskTable['music.arrange'],
      { kind: 'music.infill', label, model, params },
      context,
    );
    return { ...run, seed };
  }

  async harmonize(request: ParsedRequestOf<'music.harmonize'>, context: CallContext): Promise<ArrangeRun> {
    const { model, seed = randomSeed(), song: songInput, add, tempo, key, ...fields } = request;
    const song = readInput(songInput, 'The melody', ['melody']);
    checkLength(song.bars);
    const melody = song.tracks.find((track) => track.track === 'melody')!;
    const tracks = arrangeTracks.filter((track) => track === 'melody' || add.includes(track as 'chords'));
    const params = {
      ...fields,
      bars: song.bars,
      tracks,
      song: [melody],
      fill: add.map((track) => ({ track, fromBar: 0, toBar: song.bars - 1 })),
      tempo: tempo ?? song.tempo ?? 120,
      ...keyOf(key, song),
      seed,
    };
    const label = `${add.join(' and ')} under ${melody.notes.length} melody notes`;
    const run = await this.tasks.run(
      taskTable['music.arrange'],
      { kind: 'music.harmonize', label, model, params },
      context,
    );
    return { ...run, seed };
  }

  async humanize(request: ParsedRequestOf<'music.humanize'>, context: CallContext): Promise<ArrangeRun> {
    const { model, seed = randomSeed(), song: songInput, tempo, ...fields } = request;
    const song = readInput(songInput, 'The drum clip', ['drums']);
    checkLength(song.bars);
    const drums = song.tracks.find((track) => track.track === 'drums')!;
    const params = {
      ...fields,
      bars: song.bars,
      tracks: ['drums' as const],
      song: [drums],
      fill: [],
      humanizeDrums: true,
      tempo: tempo ?? song.tempo ?? 120,
      seed,
    };
    const run = await this.tasks.run(
      taskTable['music.arrange'],
      { kind: 'music.humanize', label: `humanize ${drums.notes.length} drum hits`, model, params },
      context,
    );
    return { ...run, seed };
  }

  exportSong(request: ParsedRequestOf<'music.exportSong'>): Promise<ResponseOf<'music.exportSong'>> {
    const result = request.tracks ? onlyTracks(request.result, request.tracks) : request.result;
    return exportSong(result, request.variation, request.format, {
      name: request.name,
      wavEnd: request.wavEnd,
      wav: this.wav,
    });
  }
}

function readInput(input: SongInput, what: string, require?: readonly ArrangeTrack[]): ReadSong {
  if (input.midi !== undefined) {
    const file = readSong(decodeBase64(input.midi, `${what} (midi)`), {
      ...(input.trackMap ? { mapping: input.trackMap } : {}),
      ...(require ? { require } : {}),
      what,
    });
    return {
      tracks: file.tracks,
      bars: input.bars ?? file.bars,
      tempo: file.tempo,
      ...(file.key ? { key: file.key } : {}),
    };
  }
  const tracks = input.tracks!;
  const names = tracks.map((track) => track.track);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new MosaicError('BAD_REQUEST', `${what} has two ${twice} tracks: give each part once.`);
  for (const part of require ?? []) {
    if (!tracks.some((track) => track.track === part && track.notes.length > 0))
      throw new MosaicError('BAD_REQUEST', `${what} has no ${part} notes: give a ${part} track with notes.`);
  }
  const last = Math.max(0, ...tracks.flatMap((track) => track.notes.map((note) => note.start)));
  if (tracks.every((track) => track.notes.length === 0 && (track.chords ?? []).length === 0))
    throw new MosaicError('BAD_REQUEST', `${what} has no notes: give at least one note.`);
  return { tracks, bars: input.bars ?? Math.floor(last / musicTicksPerBar) + 1 };
}

/** Clip a, `gap` empty bars, then clip b, as one song. */
function joinClips(first: ReadSong, second: ReadSong, gap: number): ReadSong {
  const shift = (first.bars + gap) * musicTicksPerBar;
  const parts = arrangeTracks.filter((track) => [first, second].some((s) => s.tracks.some((t) => t.track === track)));
  const tracks = parts.map((part): SongTrack => {
    const a = first.tracks.find((track) => track.track === part);
    const b = second.tracks.find((track) => track.track === part);
    const chords = [
      ...(a?.chords ?? []),
      ...(b?.chords ?? []).map((chord) => ({ ...chord, start: chord.start + shift })),
    ];
    return {
      track: part,
      ...(a?.program !== undefined ? { program: a.program } : b?.program !== undefined ? { program: b.program } : {}),
      notes: [...(a?.notes ?? []), ...(b?.notes ?? []).map((note) => ({ ...note, start: note.start + shift }))],
      ...(chords.length > 0 ? { chords } : {}),
    };
  });
  return {
    tracks,
    bars: first.bars + gap + second.bars,
    ...(first.tempo !== undefined ? { tempo: first.tempo } : {}),
    ...(first.key ? { key: first.key } : second.key ? { key: second.key } : {}),
  };
}

function checkCellsInside(cells: readonly CellSpan[], bars: number): void {
  const outside = cells.find((cell) => cell.toBar >= bars);
  if (outside)
    throw new MosaicError(
      'BAD_REQUEST',
      `Bars ${outside.fromBar + 1}–${outside.toBar + 1} (counted from 1) of ${outside.track} are outside the ` +
        `${bars}-bar song: choose bars 1–${bars} (0–${bars - 1} counted from 0).`,
      { bars, cell: outside },
    );
}

function checkLength(bars: number): void {
  if (bars > maxSongBars)
    throw new MosaicError(
      'BAD_REQUEST',
      `The song is ${bars} bars long; the arrange model works on songs of at most ${maxSongBars} bars: cut it (bars) first.`,
      { bars, maxBars: maxSongBars },
    );
}

/**
 * The key a given song is written on: the request's, else the file's key signature, else the key its pitched notes are
 * in (detected, modes included) — chords and bass under an unmarked C-major melody then stay in C major.
 */
function keyOf(key: MusicKey | undefined, song: ReadSong): { key?: MusicKey } {
  const pitched = song.tracks.filter((track) => track.track !== 'drums').flatMap((track) => track.notes);
  const chosen = key ?? song.key ?? detectKey(pitched)?.key;
  return chosen === undefined ? {} : { key: chosen };
}

function describeCells(cells: readonly CellSpan[]): string {
  return cells
    .map((cell) =>
      cell.fromBar === cell.toBar
        ? `${cell.track} bar ${cell.fromBar + 1}`
        : `${cell.track} bars ${cell.fromBar + 1}–${cell.toBar + 1}`,
    )
    .join(', ');
}

/** The result with only `tracks` in every variation (one lane, or a few, for export). */
function onlyTracks(result: ArrangeResult, tracks: readonly ArrangeTrack[]): ArrangeResult {
  const missing = tracks.filter((track) => !result.variations.some((v) => v.tracks.some((t) => t.track === track)));
  if (missing.length > 0)
    throw new MosaicError('BAD_REQUEST', `The song has no ${missing.join(' or ')} track to export.`);
  return {
    ...result,
    variations: result.variations.map((variation) => ({
      ...variation,
      tracks: variation.tracks.filter((track) => tracks.includes(track.track)),
    })),
  };
}
