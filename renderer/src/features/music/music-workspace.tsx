// The Music workspace: mode tabs and parameters, the piano roll with its transport, the variations, exports and drag-out.
import { useStudio } from '../../state/store-context.js';
import { SendToArrange } from '../arrange/send-to-arrange.js';
import { ClipExports } from './clip-exports.js';
import { ModeTabs } from './mode-tabs.js';
import { MusicAudio } from './music-audio.js';
import { MusicControls } from './music-controls.js';
import { MusicError } from './music-error.js';
import { PianoRoll } from './piano-roll.js';
import { useRollView } from './roll-scene.js';
import { TransportBar } from './transport-bar.js';
import { useMusicKeys } from './use-music-keys.js';
import { VariationsList } from './variations-list.js';
import { ForYouToggle } from '../taste/taste-controls.js';
import './music.css';

export function MusicWorkspace() {
  const view = useRollView();
  const hasTake = useStudio((state) => state.musicTakes[state.musicSettings.mode] !== undefined);
  useMusicKeys();
  return (
    <div className="workspace music-workspace" data-testid="workspace-music">
      <header className="workspace-header music-header">
        <h1>Music</h1>
        <ModeTabs />
        <span className="music-header-spacer" />
        <ClipExports />
      </header>
      <MusicControls />
      <section className="music-main" aria-label="Piano roll">
        <MusicError />
        <TransportBar view={view} />
        <PianoRoll view={view} />
        <SendToArrange />
        <MusicAudio bars={view.bars} tempo={view.tempo} />
      </section>
      <aside className={`music-side ${hasTake ? '' : 'music-side-empty'}`} aria-label="Variations">
        <div className="strip-head">
          <h2>Variations</h2>
          {hasTake ? <ForYouToggle workspace="music" /> : null}
        </div>
        {hasTake ? (
          <VariationsList />
        ) : (
          <p className="muted">Each variation appears here with a small roll and its numbers, to audition and pick.</p>
        )}
      </aside>
    </div>
  );
}
