// Reads an arrange package's token spec (arrange-v1.json beside the graph) once per package folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MosaicError } from '../../../../../contract/index.js';
import { ArrangeTokenizer } from './arrange-tokenizer.js';
import { ArrangeVocabulary } from './arrange-vocabulary.js';

/** The file name an arrange package gives its token spec (models/music-tokenizer/arrange-v1.json). */
export const arrangeSpecFileName = 'arrange-v1.json';

export class ArrangePackages {
  private readonly tokenizers = new Map<string, ArrangeTokenizer>();

  constructor(private readonly readText: (path: string) => string = (path) => readFileSync(path, 'utf8')) {}

  tokenizer(modelDir: string): ArrangeTokenizer {
    let tokenizer = this.tokenizers.get(modelDir);
    if (!tokenizer) {
      const path = join(modelDir, arrangeSpecFileName);
      let json: unknown;
      try {
        json = JSON.parse(this.readText(path));
      } catch (error) {
        throw new MosaicError(
          'MODEL_LOAD_FAILED',
          `Cannot read the arrange token spec ${path}: ${(error as Error).message}`,
        );
      }
      tokenizer = new ArrangeTokenizer(ArrangeVocabulary.fromJson(json));
      this.tokenizers.set(modelDir, tokenizer);
    }
    return tokenizer;
  }
}
