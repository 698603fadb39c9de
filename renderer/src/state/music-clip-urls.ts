// Object URLs over exported clips (MIDI, WAV) so they can be played, downloaded and dragged without re-rendering.
import type { ExportedFile } from '../../../contract/index.js';
import { objectUrlOf } from '../ui/download-files.js';

export interface ClipUrls {
  create(file: ExportedFile): string;
  revoke(url: string): void;
}

export const browserClipUrls: ClipUrls = {
  create: objectUrlOf,
  revoke: (url) => URL.revokeObjectURL(url),
};
