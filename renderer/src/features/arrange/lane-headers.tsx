// Beside each lane: its name and colour, its General MIDI instrument (preview and WAV), mute and solo, its notes,
// and its MIDI (a download, or a drag into a DAW where the desktop shell allows it).
import { useState } from 'react';
import { arrangeTracks, arrangeTrackTitles, type ArrangeTrack } from '../../../../contract/index.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { saveUrl } from '../../ui/download-files.js';
import { nativeDrag, startClipDrag } from '../music/clip-exports.js';
import { generalMidiFamilies, generalMidiPrograms, programName } from './general-midi.js';
import { laneHues } from './lane-painter.js';

function InstrumentField({ track }: { track: ArrangeTrack }) {
  const program = useStudio((state) => state.arrangeMix[track].program);
  const setLaneMix = useStudio((state) => state.setLaneMix);
  if (track === 'drums') return <span className="arrange-instrument muted">{programName(0, true)}</span>;
  return (
    <select
      className="field-input arrange-instrument"
      aria-label={`${arrangeTrackTitles[track]} instrument`}
      title={`${arrangeTrackTitles[track]} plays ${programName(program)} (General MIDI ${program + 1})`}
      value={program}
      onChange={(event) => setLaneMix(track, { program: Number(event.target.value) })}
      data-testid={`arrange-program-${track}`}
    >
      {generalMidiFamilies.map((family, group) => (
        <optgroup key={family} label={family}>
          {generalMidiPrograms.slice(group * 8, group * 8 + 8).map((name, index) => (
            <option key={name} value={group * 8 + index}>
              {name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

function LaneExport({ track, empty }: { track: ArrangeTrack; empty: boolean }) {
  const store = useStudioStore();
  const [drag] = useState(nativeDrag);
  const [ready, setReady] = useState<{ name: string; base64: string } | null>(null);
  const title = arrangeTrackTitles[track];
  const download = async (): Promise<void> => {
    const file = await store.getState().arrangeFile('mid', track);
    if (file) saveUrl(file);
  };
  return (
    <button
      type="button"
      className="arrange-lane-button"
      disabled={empty}
      draggable={drag !== null && ready !== null}
      title={
        drag ? `Drag the ${title} MIDI into your DAW (click to download it)` : `Download the ${title} lane as MIDI`
      }
      aria-label={`Export the ${title} lane as MIDI`}
      data-testid={`arrange-lane-export-${track}`}
      // The drag must find the file ready, so hovering renders it ahead (a few ms).
      onPointerEnter={() => {
        if (drag && !empty)
          void store
            .getState()
            .arrangeFile('mid', track)
            .then((file) => setReady(file));
      }}
      onDragStart={(event) => (ready && drag ? startClipDrag(event, ready, drag) : event.preventDefault())}
      onClick={() => void download()}
    >
      ↓
    </button>
  );
}

export function LaneHeaders({ counts }: { counts: Record<string, number> | undefined }) {
  const mix = useStudio((state) => state.arrangeMix);
  const setLaneMix = useStudio((state) => state.setLaneMix);
  const hasSong = useStudio((state) => state.arrangeSong !== null);
  return (
    <div className="arrange-lane-headers">
      <span className="arrange-ruler-corner">bars</span>
      {arrangeTracks.map((track) => {
        const title = arrangeTrackTitles[track];
        const notes = counts?.[track] ?? 0;
        return (
          <div key={track} className="arrange-lane-header" data-testid={`arrange-lane-${track}`}>
            <span className="arrange-lane-title">
              <span className="arrange-lane-swatch" style={{ background: `hsl(${laneHues[track]} 70% 60%)` }} />
              {title}
              <small className="muted">{hasSong ? `${notes} ${track === 'drums' ? 'hits' : 'notes'}` : ''}</small>
            </span>
            <InstrumentField track={track} />
            <span className="arrange-lane-buttons">
              <button
                type="button"
                className="arrange-lane-button"
                aria-pressed={mix[track].mute}
                aria-label={`Mute ${title}`}
                title={`Mute ${title} (M with a ${title} cell selected)`}
                onClick={() => setLaneMix(track, { mute: !mix[track].mute })}
                data-testid={`arrange-mute-${track}`}
              >
                M
              </button>
              <button
                type="button"
                className="arrange-lane-button"
                aria-pressed={mix[track].solo}
                aria-label={`Solo ${title}`}
                title={`Solo ${title} (S with a ${title} cell selected)`}
                onClick={() => setLaneMix(track, { solo: !mix[track].solo })}
                data-testid={`arrange-solo-${track}`}
              >
                S
              </button>
              <LaneExport track={track} empty={!hasSong || notes === 0} />
            </span>
          </div>
        );
      })}
    </div>
  );
}
