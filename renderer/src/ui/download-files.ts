// Hands exported files to the browser as downloads (Blob + object URL + <a download>), one after another.
import type { ExportedFile } from '../../../contract/index.js';

/** The bytes of a base64 string (an exported file's content, as the contract carries it). */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/** An object URL over an exported file's bytes; the caller revokes it. */
export function objectUrlOf(file: ExportedFile): string {
  return URL.createObjectURL(new Blob([bytesOfBase64(file.base64)], { type: file.mediaType }));
}

/** Starts the download of a URL under a file name (a hidden <a download>, clicked). */
export function saveUrl(file: { name: string; url: string }, document: Document = window.document): void {
  const link = document.createElement('a');
  link.href = file.url;
  link.download = file.name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

export function downloadFiles(files: readonly ExportedFile[], document: Document = window.document): void {
  for (const file of files) {
    const url = objectUrlOf(file);
    saveUrl({ name: file.name, url }, document);
    // The download has started reading the blob by the next task; free it a little later to be safe.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
