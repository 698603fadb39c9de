// The Arrange workspace: parameters on the left, the song as lanes (Melody, Chords, Bass, Drums) over a bar ruler with
// its transport and edit row in the middle, the variations on the right, exports in the header.
import { useStudio } from '../../state/store-context.js';
import { ArrangeAudio } from './arrange-audio.js';
import { ArrangeCanvas } from './arrange-canvas.js';
import { ArrangeControls } from './arrange-controls.js';
import { ArrangeExports } from './arrange-exports.js';
import { ArrangeNotice } from './arrange-notice.js';
import { ArrangeEditRow, ArrangeTransport } from './arrange-toolbar.js';
import { ArrangeVariations } from './arrange-variations.js';
import { useArrangeKeys } from './use-arrange-keys.js';
import '../music/music.css';
import './arrange.css';

export function ArrangeWorkspace() {
  const hasSong = useStudio((state) => state.arrangeSong !== null);
  const origin = useStudio((state) => state.arrangeSong?.origin ?? null);
  useArrangeKeys();
  return (
    <div className="workspace music-workspace arrange-workspace" data-testid="workspace-arrange">
      <header className="workspace-header music-header">
        <h1>Arrange</h1>
        <span className="muted arrange-subtitle" data-testid="arrange-origin">
          {origin ?? 'melody, chords, bass and drums, bar by bar'}
        </span>
        <span className="music-header-spacer" />
        <ArrangeExports />
      </header>
      <ArrangeControls />
      <section className="music-main" aria-label="Song">
        <ArrangeNotice />
        <ArrangeTransport />
        <ArrangeEditRow />
        <ArrangeCanvas />
        <ArrangeAudio />
      </section>
      <aside className={`music-side ${hasSong ? '' : 'music-side-empty'}`} aria-label="Variations">
        <h2>Variations</h2>
        {hasSong ? (
          <ArrangeVariations />
        ) : (
          <p className="muted">Each variation appears here drawn small, to audition and pick (1–8).</p>
        )}
      </aside>
    </div>
  );
}
