// Lists the model versions installed under MOSAIC_HOME/models (store layout: manifests/<name>/<version>/manifest.json).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { installedModelSummarySchema } from '../../contract/index.js';

export type InstalledModelSummary = z.infer<typeof installedModelSummarySchema>;

export async function listInstalledModels(modelsFolder: string): Promise<InstalledModelSummary[]> {
  const manifests = join(modelsFolder, 'manifests');
  const names = await readdir(manifests).catch(() => [] as string[]);
  const active = await readActive(modelsFolder);
  const found: InstalledModelSummary[] = [];
  for (const name of names.sort()) {
    const versions = await readdir(join(manifests, name)).catch(() => [] as string[]);
    for (const version of versions.sort()) {
      const raw = await readFile(join(manifests, name, version, 'manifest.json'), 'utf8').catch(() => null);
      if (raw === null) continue;
      const manifest = JSON.parse(raw) as { task?: unknown };
      found.push({ name, version, task: String(manifest.task ?? 'unknown'), active: active[name] === version });
    }
  }
  return found;
}

async function readActive(modelsFolder: string): Promise<Record<string, string>> {
  const raw = await readFile(join(modelsFolder, 'active.json'), 'utf8').catch(() => '{}');
  return JSON.parse(raw) as Record<string, string>;
}
