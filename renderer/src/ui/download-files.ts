// Hands exported files to the browser as downloads (Blob + object URL + <a download>), one after another.
import type { ExportedFile } from '../../../contract/index.js';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index);
  return bytes;
}

export function downloadFiles(files: readonly ExportedFile[], document: Document = window.document): void {
  for (const file of files) {
    const url = URL.createObjectURL(new Blob([bytesOf(file.base64)], { type: file.mediaType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started reading the blob by the next task; free it a little later to be safe.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
