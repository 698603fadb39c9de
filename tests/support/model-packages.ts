// Builds model package folders for tests (the probe graph plus any files asked for), with correct sizes and digests.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ModelManifest } from '../../contract/index.js';
import { findPackageRoot } from '../../main/platform/paths.js';

export interface PackageFile {
  path: string;
  content: Buffer;
  role?: string;
}

export interface PackageSpec {
  name: string;
  version: string;
  /** Files besides the probe graph (`model.onnx`), which every test package carries. */
  files?: PackageFile[];
  /** Leave the probe graph out. */
  withoutGraph?: boolean;
  minAppVersion?: string;
  /** Merged over the generated manifest as is (for malformed manifests). */
  overrides?: Record<string, unknown>;
}

export function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export async function probeGraph(): Promise<Buffer> {
  return readFile(join(findPackageRoot(), 'models', 'fixtures', 'probe.onnx'));
}

/** A manifest as a package author would write it, for the given files. */
export function manifestFor(spec: PackageSpec, files: PackageFile[]): ModelManifest & Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: spec.name,
    version: spec.version,
    task: 'music.melody',
    description: `test package ${spec.name}`,
    files: files.map((file) => ({
      path: file.path,
      size: file.content.length,
      sha256: sha256(file.content),
      role: file.role ?? 'data',
    })),
    inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 4] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: ['batch', 3] }],
    defaults: { temperature: 1, topK: 16, bars: 4 },
    precision: 'fp32',
    minAppVersion: spec.minAppVersion ?? '0.1.0',
    licence: 'MIT',
    trainingData: [{ name: 'synthetic', licence: 'CC0-1.0' }],
    commercialUse: true,
    evaluation: { 'pitch-class entropy': 2.5, note: 'test' },
    graphLayout: 'probe-v1',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...spec.overrides,
  };
}

/** Writes `<parent>/<name>-<version>/` with manifest.json and its files; returns the folder and its files. */
export async function writePackage(
  parent: string,
  spec: PackageSpec,
): Promise<{ folder: string; files: PackageFile[] }> {
  const folder = join(parent, `${spec.name}-${spec.version}`);
  const files = [
    ...(spec.withoutGraph ? [] : [{ path: 'model.onnx', content: await probeGraph(), role: 'graph' }]),
    ...(spec.files ?? []),
  ];
  for (const file of files) {
    await mkdir(dirname(join(folder, file.path)), { recursive: true });
    await writeFile(join(folder, file.path), file.content);
  }
  await writeFile(join(folder, 'manifest.json'), `${JSON.stringify(manifestFor(spec, files), null, 2)}\n`);
  return { folder, files };
}

/** Deterministic pseudo-random bytes (a counter hashed), so tests do not depend on chance. */
export function pseudoRandomBytes(size: number, seed = 'mosaic'): Buffer {
  const out = Buffer.alloc(size);
  let block = 0;
  for (let offset = 0; offset < size; offset += 32) {
    createHash('sha256').update(`${seed}:${block++}`).digest().copy(out, offset);
  }
  return out;
}

/**
 * A bundled-catalog package of the tiny counting decoder (models/fixtures/tiny-decoder), task `test.count`;
 * `overrides` are merged over its manifest (e.g. the graph's true inputs and outputs).
 */
export async function writeTinyCounterPackage(
  parent: string,
  overrides: Record<string, unknown> = {},
): Promise<{ folder: string; files: PackageFile[] }> {
  const graph = await readFile(join(findPackageRoot(), 'models', 'fixtures', 'tiny-decoder', 'model.onnx'));
  return writePackage(parent, {
    name: 'tiny-counter',
    version: '1.0.0',
    withoutGraph: true,
    files: [{ path: 'model.onnx', content: graph, role: 'graph' }],
    overrides: { task: 'test.count', maxPositions: 64, graphLayout: 'mosaic-kv-v2', ...overrides },
  });
}
