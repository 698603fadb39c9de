// Worker thread that renders MIDI to WAV with the SoundFont synth, so a render never stalls main's event loop.
import { parentPort } from 'node:worker_threads';
import { WavRenderer } from './wav-renderer.js';

interface RenderRequest {
  id: number;
  midi: Uint8Array;
  seconds: number;
  end: 'loop' | 'tail';
}

if (!parentPort) throw new Error('wav-render-worker must run as a worker thread.');
const port = parentPort;
// The SoundFont (14 MB, SF3) is read and decoded once per worker.
const renderer = WavRenderer.load();

port.on('message', (request: RenderRequest) => {
  renderer
    .then((loaded) => loaded.render(request.midi, { seconds: request.seconds, end: request.end }))
    .then(
      (wav) => port.postMessage({ id: request.id, wav }, [wav.buffer as ArrayBuffer]),
      (error: unknown) =>
        port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
});
