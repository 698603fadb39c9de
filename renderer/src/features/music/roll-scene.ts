// What the piano roll shows: the selected variation of the mode's take, else the primer to continue, else an empty grid.
import { useMemo } from 'react';
import { drumInstruments, musicTicksPerBar } from '../../../../contract/index.js';
import { partOf } from '../../state/music-settings.js';
import { currentMusicTake } from '../../state/music-take.js';
import { useStudio } from '../../state/store-context.js';
import { rollRows, type RollRow } from './roll-geometry.js';
import type { RollScene } from './roll-painter.js';

export interface RollView {
  scene: RollScene;
  rows: RollRow[];
  bars: number;
  /** Beats per minute of what is shown (the playhead needs it). */
  tempo: number;
  /** True when a generated take is shown, false for a primer or an empty grid. */
  generated: boolean;
}

export function useRollView(): RollView {
  const take = useStudio(currentMusicTake);
  const settings = useStudio((state) => state.musicSettings);
  const primer = useStudio((state) => state.musicPrimer);
  return useMemo(() => {
    if (take) {
      const { result } = take.run;
      const part = result.task === 'music.drums' ? 'drums' : 'melody';
      const variation = result.variations[take.selected] ?? result.variations[0]!;
      const scene: RollScene = {
        part,
        notes: variation.notes,
        primerNotes: variation.primerNotes,
        generatedFromTick: result.generatedFromTick,
        lockedKey: take.lockedKey,
      };
      const kit = take.kit ? new Set(take.kit) : null;
      const rows = rollRows(part, variation.notes, { range: take.pitchRange, instruments: kit });
      return { scene, rows, bars: result.bars, tempo: result.tempo, generated: true };
    }
    const part = partOf(settings);
    const primed = settings.mode === 'continue' ? primer?.parts[part] : undefined;
    const notes = primed?.notes ?? [];
    const melody = part === 'melody';
    const scene: RollScene = {
      part,
      notes,
      primerNotes: notes.length,
      generatedFromTick: primed ? primed.bars * musicTicksPerBar : 0,
      lockedKey: melody && settings.keyLock ? settings.key : null,
    };
    const kit = melody ? null : new Set(settings.instruments.map((name) => drumInstruments[name]));
    const rows = rollRows(part, notes, { range: melody ? settings.pitchRange : null, instruments: kit });
    return { scene, rows, bars: (primed?.bars ?? 0) + settings.bars, tempo: settings.tempo, generated: false };
  }, [take, settings, primer]);
}
