// Music's kept results (see persisted-results.ts): each mode's take as its history job id and pick, and the dropped clips.
import { z } from 'zod';
import { melodyParamsSchema, musicKeySchema, musicNoteSchema, type MosaicBridge } from '../../../contract/index.js';
import { keptResults, keptRuns, type KeptResults } from './persisted-results.js';
import type { MusicClipFile } from './music-requests.js';
import { musicModes, musicRanges, type MusicMode } from './music-settings.js';
import type { MusicTake } from './music-take.js';
import type { StudioState } from './studio-store.js';

/** Clips whose MIDI is larger than this (base64 characters, ~48 KiB of MIDI) are not kept: they are dropped again. */
export const maxKeptClipChars = 64 * 1024;

const keptTakeSchema = z
  .object({
    /** The run's job id, which its history entry records. */
    jobId: z.string().min(1).max(200),
    selected: z
      .number()
      .int()
      .min(0)
      .max(musicRanges.variations.max - 1),
    lockedKey: musicKeySchema.nullable(),
    pitchRange: melodyParamsSchema.shape.pitchRange.unwrap().nullable(),
    kit: z.array(musicNoteSchema.shape.pitch).max(128).nullable(),
  })
  .strict();
export type KeptMusicTake = z.infer<typeof keptTakeSchema>;

const clipPartSchema = z.object({ notes: z.array(musicNoteSchema).min(1), bars: z.number().int().min(1) }).strict();
const keptClipSchema = z
  .object({
    name: z.string().min(1).max(255),
    base64: z.string().min(1).max(maxKeptClipChars),
    tempo: z.number().positive().max(1000),
    parts: z.object({ melody: clipPartSchema.optional(), drums: clipPartSchema.optional() }).strict(),
  })
  .strict()
  .refine((clip) => clip.parts.melody || clip.parts.drums, 'a clip has notes');

export const keptMusicSchema = z
  .object({
    takes: z.object(Object.fromEntries(musicModes.map((mode) => [mode, keptTakeSchema.optional()]))).strict(),
    primer: keptClipSchema.nullable(),
    follow: keptClipSchema.nullable(),
  })
  .strict() as z.ZodType<KeptMusic>;
export interface KeptMusic {
  takes: Partial<Record<MusicMode, KeptMusicTake>>;
  primer: MusicClipFile | null;
  follow: MusicClipFile | null;
}

function keptClip(clip: MusicClipFile | null): MusicClipFile | null {
  return clip && clip.base64.length <= maxKeptClipChars ? clip : null;
}

/** What Music keeps: small references to its takes (the runs stay in History) and the clips it was given. */
export function keptMusicOf(state: StudioState): KeptMusic | null {
  const takes: KeptMusic['takes'] = {};
  for (const mode of musicModes) {
    const take = state.musicTakes[mode];
    if (take) {
      const { run, selected, lockedKey, pitchRange, kit } = take;
      takes[mode] = { jobId: run.jobId, selected, lockedKey, pitchRange, kit };
    }
  }
  const primer = keptClip(state.musicPrimer);
  const follow = keptClip(state.musicFollow);
  return Object.keys(takes).length === 0 && !primer && !follow ? null : { takes, primer, follow };
}

export function musicResults(bridge: MosaicBridge): KeptResults<StudioState> {
  return keptResults<StudioState, KeptMusic>({
    key: 'mosaic-studio:music-results',
    version: 1,
    schema: keptMusicSchema,
    sources: (state) => [state.musicTakes, state.musicPrimer, state.musicFollow],
    select: keptMusicOf,
    restore: async (kept, store) => {
      const state = store.getState();
      // Clips first: they need nothing from main. Work done since the store was created is never replaced.
      if (kept.primer && !state.musicPrimer) state.setMusicPrimer(kept.primer);
      if (kept.follow && !state.musicFollow) state.setMusicFollow(kept.follow);
      const takes = Object.entries(kept.takes) as [MusicMode, KeptMusicTake][];
      if (takes.length === 0) return;
      const runs = await keptRuns(
        bridge,
        'music',
        takes.map(([, take]) => take.jobId),
      );
      for (const [mode, { jobId, ...take }] of takes) {
        const run = runs.get(jobId);
        if (run) store.getState().restoreMusicTake({ ...take, mode, run } satisfies MusicTake);
      }
    },
  });
}
