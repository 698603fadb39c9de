// The levels domain for the front doors: generation and region regeneration through the level.platformer pipeline,
// and exports (Tiled, LDtk, PNG, VGLC text) as bytes.
import type { ParsedRequestOf, ResponseOf } from '../../../contract/index.js';
import { describeLevelColumns, taskTable } from '../../../contract/index.js';
import type { CallContext } from '../engine/contract-dispatcher.js';
import { exportLevel } from './level-files/level-export.js';
import { skyColour, tilesetPng, tilesetTiles, tileSize } from './level-files/tileset-export.js';
import type { TaskRunner } from '../engine/task-runner.js';
import { exportFilesAnswer } from '../game-files/export-files.js';

export class LevelService {
  constructor(private readonly tasks: TaskRunner) {}

  generate(request: ParsedRequestOf<'levels.generate'>, context: CallContext): Promise<ResponseOf<'levels.generate'>> {
    const { model, ...params } = request;
    return this.tasks.run(
      taskTable['level.platformer'],
      {
        kind: 'levels.generate',
        label: `${params.variations} × ${params.width} columns${params.prompt ? `, “${params.prompt}”` : ''}`,
        model,
        params: { mode: 'generate', ...params },
      },
      context,
    );
  }

  regenerate(
    request: ParsedRequestOf<'levels.regenerate'>,
    context: CallContext,
  ): Promise<ResponseOf<'levels.regenerate'>> {
    const { model, ...params } = request;
    return this.tasks.run(
      taskTable['level.platformer'],
      {
        kind: 'levels.regenerate',
        label: `columns ${describeLevelColumns(params.from, params.to)}`,
        model,
        params: { mode: 'regenerate', ...params },
      },
      context,
    );
  }

  tileset(): ResponseOf<'levels.tileset'> {
    return {
      tileSize,
      tiles: [...tilesetTiles],
      background: `#${skyColour.toString(16).padStart(6, '0')}`,
      pngBase64: tilesetPng().toString('base64'),
    };
  }

  export(request: ParsedRequestOf<'levels.export'>): ResponseOf<'levels.export'> {
    const files = exportLevel(request.format, request.level, request.provenance, request.name);
    return exportFilesAnswer(files);
  }
}
