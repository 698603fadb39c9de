// The LDtk project of a hand-made level: the edge cases generated levels rarely reach (no agent verdict, the largest
// seed, a name LDtk would not take as an identifier), checked with LDtk's published schema run by python3-jsonschema.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LevelProvenance } from '../../../../../../contract/levels.js';
import { ldtkIdentifier, levelToLdtkProject } from '../../../../../../main/services/levels/level-files/ldtk-export.js';
import type { LdtkProject } from '../../../../../../main/services/levels/level-files/ldtk-format.js';
import { exportLevel } from '../../../../../../main/services/levels/level-files/level-export.js';

const rows = [
  ...Array.from({ length: 8 }, () => '-'.repeat(24)),
  '------SSQ?S-------------',
  '---E--------------------',
  '------------<>------o---',
  '---------E--[]----B-----',
  '------------[]----b-E---',
  'XXXXXXXXXXXXXXXX---XXXXX',
];
const provenance: LevelProvenance = {
  model: 'level-platformer@1.0.0',
  digest: 'c'.repeat(64),
  prompt: 'little pipes, some enemies, little blocks, low elevation',
  seed: 0xffffffff,
};
const folder = mkdtempSync(join(tmpdir(), 'mosaic-ldtk-unit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function schemaErrors(project: LdtkProject, name: string): string {
  const file = join(folder, `${name}.ldtk`);
  writeFileSync(file, JSON.stringify(project));
  const script = join(__dirname, '../../../../../support/ldtk/validate_ldtk.py');
  const result = spawnSync('/usr/bin/python3', [script, file], { encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`validate_ldtk.py: ${result.stderr}`);
  return result.status === 0 ? '' : result.stdout;
}

const fieldsOf = (project: LdtkProject) =>
  Object.fromEntries(project.levels[0]!.fieldInstances.map((field) => [field.__identifier, field]));

describe('LDtk project of a level', () => {
  it('is valid without an agent verdict: no spawn or goal entity, playable null', () => {
    const project = levelToLdtkProject({ rows }, provenance, 'level', 'tiles.png');
    expect(schemaErrors(project, 'unchecked')).toBe('');
    const entities = project.levels[0]!.layerInstances!.find((layer) => layer.__type === 'Entities')!;
    expect(entities.entityInstances.map((entity) => [entity.__identifier, entity.__grid])).toEqual([
      ['Enemy', [3, 9]],
      ['Enemy', [9, 11]],
      ['Enemy', [20, 12]],
    ]);
    // The enemy at (3, 9) floats; the others stand on the ground or a pipe's side.
    expect(
      entities.entityInstances.map(
        (entity) => entity.fieldInstances.find((f) => f.__identifier === 'grounded')!.__value,
      ),
    ).toEqual([false, false, true]);
    expect(fieldsOf(project).playable).toMatchObject({ __value: null, realEditorValues: [null] });
  });

  it('keeps the whole unsigned 32-bit seed, as text, and the field values as LDtk stores them', () => {
    const project = levelToLdtkProject(
      { rows, spawn: [0, 12], goal: [23, 12], playable: false },
      provenance,
      'level',
      'tiles.png',
    );
    expect(schemaErrors(project, 'verdict')).toBe('');
    const fields = fieldsOf(project);
    expect(fields.seed).toMatchObject({
      __type: 'String',
      __value: '4294967295',
      realEditorValues: [{ id: 'V_String', params: ['4294967295'] }],
    });
    expect(fields.playable).toMatchObject({ __type: 'Bool', __value: false });
    const goal = project.levels[0]!.layerInstances![0]!.entityInstances.find((e) => e.__identifier === 'Goal')!;
    expect(goal.fieldInstances[0]).toMatchObject({ __identifier: 'reachable', __value: false });
    // Every uid named by an instance is defined, and nextUid is past them all.
    const defined = [
      ...project.defs.layers.map((def) => def.uid),
      ...project.defs.entities.map((def) => def.uid),
      ...project.defs.entities.flatMap((def) => def.fieldDefs.map((field) => field.uid)),
      ...project.defs.levelFields.map((def) => def.uid),
      ...project.defs.tilesets.map((def) => def.uid),
      project.levels[0]!.uid,
    ];
    expect(new Set(defined).size).toBe(defined.length);
    expect(project.nextUid).toBeGreaterThan(Math.max(...defined));
  });

  it('gives the same file for the same level, with distinct iids, and another for another seed', () => {
    const level = { rows, spawn: [0, 12] as [number, number], goal: [23, 12] as [number, number], playable: true };
    const once = exportLevel('ldtk', level, provenance, 'level')[0]!.contents;
    const twice = exportLevel('ldtk', level, provenance, 'level')[0]!.contents;
    expect(once.equals(twice)).toBe(true);
    const other = exportLevel('ldtk', level, { ...provenance, seed: 1 }, 'level')[0]!.contents;
    expect(other.equals(once)).toBe(false);
    const iids = [...once.toString().matchAll(/"iid": "([^"]+)"/g)].map((match) => match[1]);
    expect(iids.length).toBeGreaterThan(5);
    expect(new Set(iids).size).toBe(iids.length);
    for (const iid of iids)
      expect(iid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('names the level with an identifier LDtk accepts, whatever the file is called', () => {
    expect(ldtkIdentifier('many-pipes-none-enemies-seed7-v2')).toBe('Many_pipes_none_enemies_seed7_v2');
    expect(ldtkIdentifier('2 castles')).toBe('Level_2_castles');
    expect(ldtkIdentifier('---')).toBe('Level');
    for (const name of ['many-pipes-none-enemies-seed7-v2', '2 castles', '---', 'a.b c']) {
      expect(ldtkIdentifier(name)).toMatch(/^[A-Z_][A-Za-z0-9_]*$/);
    }
  });
});
