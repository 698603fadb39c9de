// Reads an arrange package's token spec (tokenizer.json beside the graph: a copy of arrange-v1.json) once per folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArrangeTrack } from '../../../../../contract/index.js';
import { MosaicError, arrangeTracks } from '../../../../../contract/index.js';
import { ArrangeTokenizer } from './arrange-tokenizer.js';
import { ArrangeVocabulary } from './arrange-vocabulary.js';

/** The file an arrange package keeps its token spec in (models/music-tokenizer/arrange-v1.json), as music packages do. */
export const arrangeSpecFileName = 'tokenizer.json';

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

  /**
   * The parts a package's model was trained to write: its manifest's `defaults.tracks` (a drums-only model says
   * ["drums"]), every part when the manifest names none (test fixtures).
   */
  static tracksWritten(defaults: Readonly<Record<string, unknown>>): readonly ArrangeTrack[] {
    const named = defaults.tracks;
    return Array.isArray(named) ? arrangeTracks.filter((track) => named.includes(track)) : [...arrangeTracks];
  }
}
