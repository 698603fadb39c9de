// Which models the benchmarks measure: the bundled packages (when present) and the 3.55M-parameter reference decoder,
// exported on demand into models/.work/reference by the project's own toolkit when Debian's PyTorch is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../../main/platform/paths.js';
import type { TorchModel } from './torch-eager.js';

export interface BenchModel {
  name: string;
  variant: string;
  path: string;
  bytes: number;
  maxPositions: number;
  /** The architecture, so the PyTorch eager baseline can run the same model. */
  torch?: TorchModel;
}

const root = findPackageRoot();

/**
 * The three references differ only in their attention, all with 3.55M parameters (see reference_decoder.py): 4
 * key/value heads of 64 (multi-head, as the bundled 1.0.0 models); 1 of 64 shared by 4 query heads of 64 (multi-query);
 * and 1 of 32 shared by 8 query heads of 32 (multi-query with the head width of the bundled 1.1.0 models, whose 4
 * query heads of 32 share one key/value head of 32). The multi-query ones widen the feed-forward layer by the
 * projection weights they drop. (reference_decoder.py also writes 16 query heads of 16; measured in docs/performance.md.)
 */
const references = [
  { name: 'reference-mha-3.55M', folder: 'reference', kvHeads: 4, queryHeads: 4 },
  { name: 'reference-mqa-3.55M', folder: 'reference-mqa', kvHeads: 1, queryHeads: 4 },
  { name: 'reference-mqa-h32-3.55M', folder: 'reference-mqa8', kvHeads: 1, queryHeads: 8 },
] as const;
/** reference_decoder.py's max_positions. */
const referenceMaxPositions = 1024;

/** Exports a reference decoder and its variants if missing (needs /usr/bin/python3 with torch and onnx). */
export function ensureReferenceDecoder(folder: string, kvHeads: number, queryHeads: number): boolean {
  if (existsSync(join(folder, 'model.onnx'))) return true;
  try {
    execFileSync(
      '/usr/bin/python3',
      [
        '-m',
        'mosaic_research.reference_decoder',
        '--out-dir',
        folder,
        '--kv-heads',
        `${kvHeads}`,
        '--query-heads',
        `${queryHeads}`,
      ],
      {
        cwd: join(root, 'models', 'research'),
        env: { ...process.env, PYTHONPATH: join(root, 'models', 'common') },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    return existsSync(join(folder, 'model.onnx'));
  } catch {
    return false;
  }
}

export function referenceModels(): BenchModel[] {
  return references.flatMap(({ name, folder: folderName, kvHeads, queryHeads }) => {
    const folder = join(root, 'models', '.work', folderName);
    if (!ensureReferenceDecoder(folder, kvHeads, queryHeads)) return [];
    const variants = join(folder, 'per-column');
    const files: [string, string][] = [['fp32', join(folder, 'model.onnx')]];
    if (existsSync(variants)) {
      for (const file of readdirSync(variants).sort()) {
        const match = /^model\.(.+)\.onnx$/.exec(file);
        if (match?.[1]) files.push([match[1], join(variants, file)]);
      }
    }
    return files.map(([variant, path]) => ({
      name,
      variant,
      path,
      bytes: statSync(path).size,
      maxPositions: referenceMaxPositions,
      torch: { onnx: join(folder, 'model.onnx') },
    }));
  });
}

/** The bundled packages' graphs (every precision), so each shipped model appears in the inference table. */
export function packageModels(): BenchModel[] {
  const packages = join(root, 'models', 'packages');
  if (!existsSync(packages)) return [];
  const models: BenchModel[] = [];
  for (const name of readdirSync(packages).sort()) {
    for (const version of readdirSync(join(packages, name)).sort()) {
      const folder = join(packages, name, version);
      const manifestPath = join(folder, 'manifest.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        precision: string;
        maxPositions?: number;
        files: { path: string; role: string }[];
        variants?: { precision: string; files: { path: string; role: string }[] }[];
      };
      if (!manifest.maxPositions) continue;
      const sets = [{ precision: manifest.precision, files: manifest.files }, ...(manifest.variants ?? [])];
      for (const set of sets) {
        const graph = set.files.find((file) => file.role === 'graph');
        if (!graph) continue;
        const path = join(folder, graph.path);
        models.push({
          name: `${name}@${version}`,
          variant: set.precision,
          path,
          bytes: statSync(path).size,
          maxPositions: manifest.maxPositions,
          torch: { onnx: path },
        });
      }
    }
  }
  return models;
}
