// Object URLs over exported clips (MIDI, WAV) so they can be played, downloaded and dragged without re-rendering.
import type { ExportedFile } from '../../../contract/index.js';

export interface ClipUrls {
  create(file: ExportedFile): string;
  revoke(url: string): void;
}

export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index);
  return bytes;
}

export const browserClipUrls: ClipUrls = {
  create: (file) => URL.createObjectURL(new Blob([bytesOfBase64(file.base64)], { type: file.mediaType })),
  revoke: (url) => URL.revokeObjectURL(url),
};

/** Hands a rendered clip to the browser as a download (an <a download> over its object URL). */
export function saveClip(file: { name: string; url: string }, document: Document = window.document): void {
  const link = document.createElement('a');
  link.href = file.url;
  link.download = file.name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
