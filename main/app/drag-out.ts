// Drag-out of exported clips to a DAW or the desktop: the renderer hands the file's bytes to main, which writes it to a
// temporary folder and starts a native drag of that file (Electron's webContents.startDrag).
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const maxDragBytes = 64 * 1024 * 1024;

export interface DragRequest {
  name: string;
  base64: string;
}

/** The part of a WebContents this uses, so tests can pass a fake. */
export interface DragSource {
  startDrag(item: { file: string; icon: unknown }): void;
}

/** Validates a drag request, writes the file and starts the drag; returns the path written, or null when refused. */
export async function startDragOut(
  request: unknown,
  source: DragSource,
  icon: unknown,
  folder = join(tmpdir(), 'mosaic-studio-drag'),
): Promise<string | null> {
  const candidate = request as Partial<DragRequest> | null;
  if (!candidate || typeof candidate.name !== 'string' || typeof candidate.base64 !== 'string') return null;
  if (!/^[A-Za-z0-9._ -]{1,120}\.(mid|wav|tmj|png|txt)$/.test(candidate.name)) return null;
  const bytes = Buffer.from(candidate.base64, 'base64');
  if (bytes.length === 0 || bytes.length > maxDragBytes) return null;
  await mkdir(folder, { recursive: true });
  const file = join(folder, candidate.name);
  await writeFile(file, bytes);
  source.startDrag({ file, icon });
  return file;
}
