// Writes an installed version into a Triton Inference Server model repository: <repository>/<name>/config.pbtxt and
// <repository>/<name>/<integer version>/model.onnx, so a studio that outgrows one machine serves the same graphs (and
// the same /v2 requests) from a Triton or KServe cluster.
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelManifest, Precision, TensorSignature } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { oipDatatypeOf, oipPlatform, tritonVersionOf } from '../../../contract/open-inference.js';
import { digestFile } from './contained-path.js';
import type { ModelStore } from './model-store.js';

export interface TritonExportResult {
  /** The model's folder in the repository. */
  modelFolder: string;
  /** Triton's integer version: major × 1,000,000 + minor × 1,000 + patch. */
  tritonVersion: number;
  graph: string;
  precision: Precision;
  config: string;
}

export { tritonVersionOf } from '../../../contract/open-inference.js';

/** config.pbtxt for a manifest's graph: ONNX Runtime backend, no implicit batch dimension, every version served. */
export function tritonConfig(manifest: ModelManifest): string {
  const tensor = (signature: TensorSignature): string => {
    const dims = signature.shape.map((dimension) => (typeof dimension === 'number' ? dimension : -1));
    // A rank-0 tensor is written as Triton's [ 1 ] with a reshape to [ ]. Triton's data types are the protocol's
    // datatypes (what /v2 serves) with a TYPE_ prefix.
    const shape = dims.length === 0 ? '[ 1 ]\n    reshape: { shape: [ ] }' : `[ ${dims.join(', ')} ]`;
    return `  {\n    name: "${signature.name}"\n    data_type: TYPE_${oipDatatypeOf[signature.dtype]}\n    dims: ${shape}\n  }`;
  };
  return [
    `# Written by Mosaic Studio from ${manifest.name}@${manifest.version} (${manifest.task}).`,
    `name: "${manifest.name}"`,
    `platform: "${oipPlatform}"`,
    'max_batch_size: 0',
    'version_policy: { all: { } }',
    `input [\n${manifest.inputs.map(tensor).join(',\n')}\n]`,
    `output [\n${manifest.outputs.map(tensor).join(',\n')}\n]`,
    '',
  ].join('\n');
}

export async function exportToTriton(
  store: ModelStore,
  query: { name: string; version: string; repository: string; precision?: Precision },
): Promise<TritonExportResult> {
  const stored = await store.readVersion(query.name, query.version);
  if (!stored) throw new MosaicError('MODEL_NOT_FOUND', `${query.name}@${query.version} is not installed.`);
  const { manifest } = stored;
  const sets = [{ precision: manifest.precision, files: manifest.files }, ...(manifest.variants ?? [])];
  const chosen = sets.find((set) => set.precision === (query.precision ?? manifest.precision));
  if (!chosen) {
    const offered = sets.map((set) => set.precision).join(', ');
    throw new MosaicError(
      'BAD_REQUEST',
      `${query.name}@${query.version} has no ${query.precision} graph (${offered}).`,
    );
  }
  const graph = chosen.files.find((file) => file.role === 'graph');
  if (!graph) throw new MosaicError('INCOMPATIBLE_MODEL', `${query.name}@${query.version} has no graph file.`);

  const tritonVersion = tritonVersionOf(manifest.version);
  const modelFolder = join(query.repository, manifest.name);
  const versionFolder = join(modelFolder, String(tritonVersion));
  await mkdir(versionFolder, { recursive: true });
  // Copy through a temporary name, checking the digest, so a damaged blob never lands in a repository.
  const target = join(versionFolder, 'model.onnx');
  const temp = `${target}.tmp-${process.pid}`;
  try {
    await copyFile(await store.blobPathChecked(graph.sha256), temp);
    if ((await digestFile(temp)).sha256 !== graph.sha256) {
      throw new MosaicError('INTEGRITY_ERROR', `The stored graph of ${query.name}@${query.version} is damaged.`);
    }
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
  const config = tritonConfig(manifest);
  await writeFile(join(modelFolder, 'config.pbtxt'), config);
  return { modelFolder, tritonVersion, graph: target, precision: chosen.precision, config };
}
