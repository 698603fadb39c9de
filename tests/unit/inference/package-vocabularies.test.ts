// The per-package vocabulary cache the level and dungeon pipelines share: one read per package folder, and a package
// whose vocabulary outgrows its graph refused with MODEL_LOAD_FAILED on every run.
import { describe, expect, it } from 'vitest';
import { MosaicError } from '../../../contract/index.js';
import { PackageVocabularies } from '../../../main/inference/tasks/package-vocabularies.js';

const geometry = (vocabSize: number) => ({ vocabSize }) as never;

describe('PackageVocabularies', () => {
  it('reads a package folder’s vocabulary file once and each other folder’s on its own', () => {
    const reads: string[] = [];
    const vocabularies = new PackageVocabularies(
      'room-vocab.json',
      (path) => (reads.push(path), { size: 40, path }),
      'room',
    );
    const first = vocabularies.of({ modelDir: '/pkg/a', geometry: geometry(64) });
    expect(vocabularies.of({ modelDir: '/pkg/a', geometry: geometry(64) })).toBe(first);
    const other = vocabularies.of({ modelDir: '/pkg/b', geometry: geometry(64) });
    expect(other).not.toBe(first);
    expect(reads).toEqual(['/pkg/a/room-vocab.json', '/pkg/b/room-vocab.json']);
  });

  it('refuses a vocabulary larger than the graph, naming which vocabulary', () => {
    const vocabularies = new PackageVocabularies('level-vocabulary.json', () => ({ size: 65 }), 'level');
    expect(vocabularies.of({ modelDir: '/pkg', geometry: geometry(65) }).size).toBe(65);
    let thrown: unknown;
    try {
      vocabularies.of({ modelDir: '/pkg', geometry: geometry(64) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MosaicError);
    expect((thrown as MosaicError).code).toBe('MODEL_LOAD_FAILED');
    expect((thrown as MosaicError).message).toBe('The level vocabulary does not fit the graph.');
  });
});
