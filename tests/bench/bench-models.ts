// Which models the benchmarks measure: the bundled packages (when present) and the 3.55M-parameter reference decoder,
// exported on demand into models/.work/reference by the project's own toolkit when Debian's PyTorch is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../../main/platform/paths.js';
import type { TorchConfig, TorchModel } from './torch-eager.js';

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
const referenceFolder = join(root, 'models', '.work', 'reference');
export const referenceConfig: TorchConfig = {
  vocab_size: 512,
  d_model: 256,
  n_layers: 4,
  n_heads: 4,
  d_ff: 1024,
  max_positions: 1024,
};

/** Exports the reference decoder and its variants if they are missing (needs /usr/bin/python3 with torch and onnx). */
export function ensureReferenceDecoder(): boolean {
  if (existsSync(join(referenceFolder, 'model.onnx'))) return true;
  try {
    execFileSync('/usr/bin/python3', ['-m', 'mosaic_models.reference_decoder', '--out-dir', referenceFolder], {
      cwd: join(root, 'models', 'common'),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return existsSync(join(referenceFolder, 'model.onnx'));
  } catch {
    return false;
  }
}

export function referenceModels(): BenchModel[] {
  if (!ensureReferenceDecoder()) return [];
  const variants = join(referenceFolder, 'per-column');
  const files: [string, string][] = [['fp32', join(referenceFolder, 'model.onnx')]];
  if (existsSync(variants)) {
    for (const file of readdirSync(variants).sort()) {
      const match = /^model\.(.+)\.onnx$/.exec(file);
      if (match?.[1]) files.push([match[1], join(variants, file)]);
    }
  }
  return files.map(([variant, path]) => ({
    name: 'reference-3.55M',
    variant,
    path,
    bytes: statSync(path).size,
    maxPositions: referenceConfig.max_positions,
    torch: { config: referenceConfig },
  }));
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
        inputs: { name: string; shape: (string | number)[] }[];
      };
      const heads = manifest.inputs.find((input) => input.name === 'past_key_0')?.shape[1];
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
          ...(typeof heads === 'number' ? { torch: { onnx: path, heads } } : {}),
        });
      }
    }
  }
  return models;
}
