// The Music workspace: melodies, continuations and drum grooves (appears once a music model is installed).
import { EmptyWorkspace } from '../empty-workspace.js';

export function MusicWorkspace() {
  return (
    <EmptyWorkspace
      title="Music"
      testId="workspace-music"
      lines={[
        'Generate melodies and drum grooves, continue a clip, lock a key — drawn on a piano roll, exported as MIDI.',
        'No music model is installed yet.',
      ]}
    />
  );
}
