import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogIndexSchema, modelManifestSchema, packagePathSchema } from '../../../contract/index.js';
import { jsonSchemaFiles, renderJsonSchema } from '../../../build/write-json-schemas.js';
import { findPackageRoot } from '../../../main/platform/paths.js';
import { manifestFor } from '../../support/model-packages.js';

const file = { path: 'model.onnx', content: Buffer.from('graph'), role: 'graph' };
const valid = manifestFor({ name: 'melody-small', version: '1.2.0-rc.1' }, [file]);
const withChange = (change: Record<string, unknown>) => modelManifestSchema.safeParse({ ...valid, ...change }).success;

describe('the model manifest schema', () => {
  it('accepts a complete manifest, with variants, symbolic shapes and any dotted task', () => {
    expect(modelManifestSchema.parse(valid).name).toBe('melody-small');
    expect(withChange({ task: 'level.platformer' })).toBe(true);
    expect(withChange({ task: 'music.chords.jazz' })).toBe(true);
    const variant = {
      precision: 'int8',
      files: [{ path: 'model.int8.onnx', size: 3, sha256: 'b'.repeat(64), role: 'graph' }],
    };
    expect(withChange({ variants: [variant] })).toBe(true);
  });

  it('refuses names, versions, tasks and digests outside their strict forms', () => {
    for (const name of ['../x', 'a/b', 'A', '-a', 'a..b', 'a_', '', 'x'.repeat(65)])
      expect(withChange({ name })).toBe(false);
    for (const version of ['1.0', 'v1.0.0', '01.0.0', '1.0.0-', '1.0.0/..'])
      expect(withChange({ version })).toBe(false);
    for (const task of ['Music.melody', 'melody', 'music..melody', '../task']) expect(withChange({ task })).toBe(false);
    for (const sha256 of ['A'.repeat(64), 'a'.repeat(63), `../${'a'.repeat(61)}`]) {
      expect(withChange({ files: [{ ...valid.files[0], sha256 }] })).toBe(false);
    }
  });

  it('allows only relative package paths without "." or ".." segments', () => {
    for (const path of ['model.onnx', 'tok/vocab.json', 'a/b/c.bin', '.hidden', 'x..y']) {
      expect(packagePathSchema.safeParse(path).success).toBe(true);
    }
    for (const path of ['/etc/passwd', '../x', 'a/../b', './a', 'a/.', 'a//b', 'C:\\x', 'a\\b', 'a/', '']) {
      expect(packagePathSchema.safeParse(path).success).toBe(false);
    }
  });

  it('refuses duplicate paths, a variant repeating a path, unknown fields and non-JSON defaults', () => {
    expect(withChange({ files: [valid.files[0], valid.files[0]] })).toBe(false);
    expect(withChange({ variants: [{ precision: 'fp16', files: [valid.files[0]] }] })).toBe(false);
    expect(withChange({ hooks: { postInstall: 'x' } })).toBe(false);
    expect(withChange({ defaults: { temperature: () => 1 } })).toBe(false);
    expect(withChange({ defaults: { nested: { list: [1, 'a', null, { deep: true }] } } })).toBe(true);
  });
});

describe('the catalog schema', () => {
  it('defaults the blob folder and refuses one that climbs out', () => {
    const index = { format: 'mosaic-catalog', formatVersion: 1, updatedAt: '2026-01-01T00:00:00Z', models: {} };
    expect(catalogIndexSchema.parse(index).blobBase).toBe('blobs/');
    expect(catalogIndexSchema.safeParse({ ...index, blobBase: 'store/blobs/' }).success).toBe(true);
    expect(catalogIndexSchema.safeParse({ ...index, blobBase: '../blobs/' }).success).toBe(false);
    expect(catalogIndexSchema.safeParse({ ...index, blobBase: 'https://cdn.example.com/b/' }).success).toBe(true);
  });
});

describe('the published JSON Schemas', () => {
  it.each(jsonSchemaFiles.map((entry) => [entry.file, entry] as const))(
    '%s matches the contract',
    async (path, entry) => {
      const committed = await readFile(join(findPackageRoot(), path), 'utf8');
      // Stale? Run: node --import tsx build/write-json-schemas.ts
      expect(committed).toBe(await renderJsonSchema(entry));
    },
  );
});
