// The dungeons domain for the front doors: generation and one-room redraws through the level.dungeon pipeline, and
// exports (VGLC text, Tiled, LDtk, PNG) as bytes.
import type { ParsedRequestOf, ResponseOf } from '../../../contract/index.js';
import { describeDungeonRequest, taskTable } from '../../../contract/index.js';
import type { CallContext } from '../engine/contract-dispatcher.js';
import { exportDungeon } from './dungeon-files/dungeon-export.js';
import type { TaskRunner } from '../engine/task-runner.js';
import { exportFilesAnswer } from '../game-files/export-files.js';

export class DungeonService {
  constructor(private readonly tasks: TaskRunner) {}

  generate(
    request: ParsedRequestOf<'dungeons.generate'>,
    context: CallContext,
  ): Promise<ResponseOf<'dungeons.generate'>> {
    const { model, ...params } = request;
    return this.tasks.run(
      taskTable['level.dungeon'],
      {
        kind: 'dungeons.generate',
        label: `${params.variations} × ${describeDungeonRequest(params)}`,
        model,
        params: { mode: 'generate', ...params },
      },
      context,
    );
  }

  regenerateRoom(
    request: ParsedRequestOf<'dungeons.regenerateRoom'>,
    context: CallContext,
  ): Promise<ResponseOf<'dungeons.regenerateRoom'>> {
    const { model, ...params } = request;
    return this.tasks.run(
      taskTable['level.dungeon'],
      {
        kind: 'dungeons.regenerateRoom',
        label: `room ${params.room} of a ${params.dungeon.rooms.length}-room dungeon`,
        model,
        params: { mode: 'regenerateRoom', ...params },
      },
      context,
    );
  }

  export(request: ParsedRequestOf<'dungeons.export'>): ResponseOf<'dungeons.export'> {
    const files = exportDungeon(request.format, request.dungeon, request.provenance, request.name);
    return exportFilesAnswer(files);
  }
}
