import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../../main/platform/paths.js';
import { evaluationLabel, evaluationSections } from '../../../renderer/src/features/models/evaluation-labels.js';

const manifestOf = async (name: string, version: string) =>
  JSON.parse(await readFile(join(findPackageRoot(), 'models', 'packages', name, version, 'manifest.json'), 'utf8')) as {
    evaluation: Record<string, number | string>;
  };

describe('evaluation labels', () => {
  it('names the keys of the bundled cards for people', () => {
    expect(evaluationLabel('pop-locked.in_scale_rate.minimum')).toBe('Notes in scale, lowest');
    expect(evaluationLabel('pop.notes_per_bar.corpus')).toBe('Notes per bar, in the training corpus');
    expect(evaluationLabel('folk.scale_consistency.difference')).toBe('Scale consistency, difference from the corpus');
    expect(evaluationLabel('heldout_nats_per_note')).toBe('Held-out loss (nats per note)');
    expect(evaluationLabel('int8_top1_agreement')).toBe('int8 variant: top-1 agreement with fp32');
    expect(evaluationLabel('promptAdherenceAllFour')).toBe('Prompt adherence, all four attributes');
  });

  it('spells out keys it does not know, and keeps keys that already read as words', () => {
    expect(evaluationLabel('valNllPerBar')).toBe('Val NLL per bar');
    expect(evaluationLabel('chord_hit_rate.median')).toBe('Chord hit rate, median');
    expect(evaluationLabel('int8_size_mb')).toBe('int8 size mb');
    expect(evaluationLabel('held-out loss (nats/token)')).toBe('held-out loss (nats/token)');
  });

  it('groups a card by setting with the model-wide figures first, and leaves no raw key in any bundled card', async () => {
    const { evaluation } = await manifestOf('music-melody', '1.1.0');
    const sections = evaluationSections(evaluation);
    expect(sections.map((section) => section.title)).toEqual([null, 'Pop', 'Folk', 'Pop, key locked']);
    expect(sections.flatMap((section) => section.rows.map((row) => row.key))).toEqual(Object.keys(evaluation));
    const locked = sections[3]!.rows.find((row) => row.key === 'pop-locked.in_scale_rate.minimum');
    expect(locked).toEqual({ key: 'pop-locked.in_scale_rate.minimum', label: 'Notes in scale, lowest', value: 1 });

    for (const [name, version] of [
      ['music-melody', '1.0.0'],
      ['music-drums', '1.1.0'],
      ['level-platformer', '1.0.0'],
      ['level-platformer', '1.1.0-rc.1'],
    ] as const) {
      for (const key of Object.keys((await manifestOf(name, version)).evaluation)) {
        const label = evaluationLabel(key);
        expect(label, key).not.toMatch(/[._]|[a-z][A-Z]/);
        expect(label, key).not.toBe(key);
      }
    }
  });
});
