// Reads a music package's tokenizer spec (tokenizer.json beside the graph) once per package folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MosaicError } from '../../../../contract/index.js';
import { MusicTokenizer } from './music-tokenizer.js';
import { RemiVocabulary } from './remi-vocabulary.js';

/** The file name a music package gives its remi tokenizer spec. */
export const tokenizerFileName = 'tokenizer.json';

export class MusicPackages {
  private readonly tokenizers = new Map<string, MusicTokenizer>();

  constructor(private readonly readText: (path: string) => string = (path) => readFileSync(path, 'utf8')) {}

  tokenizer(modelDir: string): MusicTokenizer {
    let tokenizer = this.tokenizers.get(modelDir);
    if (!tokenizer) {
      const path = join(modelDir, tokenizerFileName);
      let json: unknown;
      try {
        json = JSON.parse(this.readText(path));
      } catch (error) {
        throw new MosaicError('MODEL_LOAD_FAILED', `Cannot read the tokenizer ${path}: ${(error as Error).message}`);
      }
      tokenizer = new MusicTokenizer(RemiVocabulary.fromJson(json));
      this.tokenizers.set(modelDir, tokenizer);
    }
    return tokenizer;
  }
}
