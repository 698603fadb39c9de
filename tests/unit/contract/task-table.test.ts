// The task table: one row per task, read by the methods' defaults, the manifests' task names and the pipelines.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  levelMethods,
  musicMethods,
  parseTaskParams,
  taskEntry,
  taskIds,
  taskSchema,
  taskTable,
} from '../../../contract/index.js';
import { locateResources } from '../../../main/platform/paths.js';

const packages = locateResources().bundledCatalogFolder;

describe('the task table', () => {
  it('keys each row by its id, a task name a manifest may carry', () => {
    expect(taskIds).toEqual(
      expect.arrayContaining(['music.melody', 'music.drums', 'music.arrange', 'level.platformer']),
    );
    for (const id of taskIds) {
      expect(taskTable[id].id).toBe(id);
      expect(taskSchema.safeParse(id).success).toBe(true);
    }
  });

  it("gives every bundled package's manifest a row, and each row's bundled default model that row's task", async () => {
    for (const name of await readdir(packages)) {
      for (const version of await readdir(join(packages, name))) {
        const manifest = JSON.parse(await readFile(join(packages, name, version, 'manifest.json'), 'utf8')) as {
          task: string;
        };
        expect(taskEntry(manifest.task).id).toBe(manifest.task);
        const defaultOf = taskIds.filter((id) => taskTable[id].defaultModel === name);
        expect(defaultOf.every((id) => id === manifest.task)).toBe(true);
      }
    }
  });

  it('answers an unknown task with a coded error that lists the tasks', () => {
    expect(() => taskEntry('music.chords')).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining(taskIds.join(', ')) }),
    );
    expect(() => taskEntry('toString')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });

  it("parses params with the row's schema: defaults filled in, a bad field named", () => {
    expect(parseTaskParams(taskTable['music.melody'], undefined)).toMatchObject({
      mode: 'generate',
      bars: 8,
      style: 'pop',
    });
    expect(parseTaskParams(taskTable['music.arrange'], { form: 'AABA' })).toMatchObject({ bars: 8, form: 'AABA' });
    expect(() => parseTaskParams(taskTable['music.drums'], { bars: 40 })).toThrow(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/^Bad music\.drums params: bars: /),
      }),
    );
  });

  it("gives the methods' model field the row's default model", () => {
    expect(musicMethods['music.generate'].request.parse({}).model).toEqual({
      name: taskTable['music.melody'].defaultModel,
    });
    expect(musicMethods['music.drums'].request.parse({}).model).toEqual({
      name: taskTable['music.drums'].defaultModel,
    });
    expect(levelMethods['levels.generate'].request.parse({}).model).toEqual({
      name: taskTable['level.platformer'].defaultModel,
    });
  });
});
