// A pipeline's token vocabularies, one per installed model package: read once from the package's folder, and checked
// against the graph on every run (a package whose vocabulary outgrows its graph fails to load, it does not decode).
import { join } from 'node:path';
import { MosaicError } from '../../../contract/index.js';
import type { TaskContext } from './task-pipeline.js';

export class PackageVocabularies<Vocabulary extends { readonly size: number }> {
  private readonly loaded = new Map<string, Vocabulary>();

  /**
   * @param fileName the vocabulary's file in the package folder
   * @param read reads that file
   * @param what names the vocabulary in the error ("level", "room")
   */
  constructor(
    private readonly fileName: string,
    private readonly read: (path: string) => Vocabulary,
    private readonly what: string,
  ) {}

  /** The vocabulary of the task's package; MODEL_LOAD_FAILED when it has more tokens than the graph. */
  of(context: Pick<TaskContext, 'modelDir' | 'geometry'>): Vocabulary {
    let vocabulary = this.loaded.get(context.modelDir);
    if (!vocabulary) {
      vocabulary = this.read(join(context.modelDir, this.fileName));
      this.loaded.set(context.modelDir, vocabulary);
    }
    if (context.geometry.vocabSize < vocabulary.size) {
      throw new MosaicError('MODEL_LOAD_FAILED', `The ${this.what} vocabulary does not fit the graph.`);
    }
    return vocabulary;
  }
}
