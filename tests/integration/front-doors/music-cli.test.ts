// `mosaic music` as a musician runs it: MIDI clips and WAV renders on disk, read back by an independent parser.
import { Midi } from '@tonejs/midi';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MusicRun } from '../../../contract/index.js';
import { describeKey } from '../../../contract/index.js';
import { keySignaturesOf, wavLengthOf } from '../../support/independent-readers.js';
import { mosaicCli } from '../../support/mosaic-cli.js';
import { createTempHome } from '../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
const run = mosaicCli(() => join(home.path, 'data'));

beforeAll(async () => {
  home = await createTempHome();
});
afterAll(async () => {
  await home.remove();
});

describe('mosaic music', () => {
  it('generates key-locked variations as MIDI files and WAV renders', async () => {
    const out = join(home.path, 'clips', 'idea.mid');
    const { stdout } = await run(
      'music',
      'generate',
      '--bars',
      '4',
      '--variations',
      '2',
      '--key',
      'D dorian',
      '--seed',
      '9',
      '--out',
      out,
      '--wav',
      join(home.path, 'clips', 'idea.wav'),
    );
    // The request in words, not the model's tokens.
    expect(stdout).toMatch(/^music-melody@[\d.]+ · D dorian, locked, pop, 120 bpm · seed 9 · /);
    expect(stdout).not.toMatch(/Key_|Tempo_|Style_/);
    expect(stdout.match(/100 % in scale/g)).toHaveLength(2);
    const clips = join(home.path, 'clips');
    expect(stdout).toContain(`in scale → ${join(clips, 'idea-1.mid')}, ${join(clips, 'idea-1.wav')}\n`);
    expect(stdout).toContain(`in scale → ${join(clips, 'idea-2.mid')}, ${join(clips, 'idea-2.wav')}\n`);
    expect((await readdir(join(home.path, 'clips'))).sort()).toEqual([
      'idea-1.mid',
      'idea-1.wav',
      'idea-2.mid',
      'idea-2.wav',
    ]);
    const midi = new Midi(await readFile(join(home.path, 'clips', 'idea-1.mid')));
    const dorian = new Set([2, 4, 5, 7, 9, 11, 0]);
    const notes = midi.tracks.flatMap((track) => track.notes);
    expect(notes.length).toBeGreaterThan(4);
    expect(notes.every((note) => dorian.has(note.midi % 12))).toBe(true);
    expect(midi.tracks.map((track) => track.name)).toContain('Melody');
  });

  it('continues a clip and writes drums that follow it', async () => {
    const primer = join(home.path, 'clips', 'idea-1.mid');
    const more = join(home.path, 'more.mid');
    await run('music', 'continue', primer, '--bars', '2', '--seed', '1', '--out', more);
    const original = new Midi(await readFile(primer)).tracks.flatMap((track) => track.notes);
    const continued = new Midi(await readFile(more)).tracks.flatMap((track) => track.notes);
    expect(continued.length).toBeGreaterThan(original.length);
    expect(continued.slice(0, original.length).map((note) => note.midi)).toEqual(original.map((note) => note.midi));

    const drums = join(home.path, 'drums.mid');
    await run('music', 'drums', '--style', 'rock', '--tempo', '100', '--bars', '2', '--follow', primer, '--out', drums);
    const groove = new Midi(await readFile(drums));
    expect(groove.tracks.find((track) => track.notes.length > 0)?.channel).toBe(9);
    expect(groove.header.tempos[0]?.bpm).toBeCloseTo(100, 3);
  });

  it('refuses a clip with nowhere to write it, and lists the files it wrote in its JSON', async () => {
    await expect(run('music', 'drums', '--bars', '1')).rejects.toMatchObject({ code: 64 });
    const { stdout } = await run(
      'music',
      'drums',
      '--bars',
      '1',
      '--seed',
      '2',
      '--json',
      '--out',
      join(home.path, 'g.mid'),
    );
    const report = JSON.parse(stdout) as { files: string[]; result: { variations: unknown[] } };
    expect(report.result.variations).toHaveLength(1);
    expect(report.files).toEqual([join(home.path, 'g.mid')]);
  });

  it('writes a clip under a name with characters an export would refuse itself ("A#minor", accents)', async () => {
    const { stdout } = await run(
      'music',
      'drums',
      '--bars',
      '1',
      '--seed',
      '2',
      '--json',
      '--out',
      join(home.path, 'named', 'A#minor mélodie.mid'),
      '--wav',
      join(home.path, 'named', 'A#minor mélodie.wav'),
    );
    const report = JSON.parse(stdout) as { files: string[] };
    expect(report.files.sort()).toEqual(
      [join(home.path, 'named', 'A#minor mélodie.mid'), join(home.path, 'named', 'A#minor mélodie.wav')].sort(),
    );
    expect((await readdir(join(home.path, 'named'))).sort()).toEqual(['A#minor mélodie.mid', 'A#minor mélodie.wav']);
  });

  it('refuses a key it does not know, with a usage exit code', async () => {
    await expect(run('music', 'generate', '--key', 'H minor', '--out', join(home.path, 'x.mid'))).rejects.toMatchObject(
      { code: 64, stderr: expect.stringMatching(/--key: "H minor" is not a key/) },
    );
  });

  it('follows --form: the MIDI file read back has the restated bars of the second A equal to the first A', async () => {
    const out = join(home.path, 'form', 'aaba.mid');
    const { stdout } = await run(
      'music',
      'generate',
      '--bars',
      '8',
      '--key',
      'D dorian',
      '--form',
      'aaba',
      '--repetition',
      '1',
      '--seed',
      '9',
      '--out',
      out,
    );
    expect(stdout).toMatch(/^music-melody@\d+\.\d+\.\d+ · D dorian, locked, pop, 120 bpm, form AABA · seed 9/m);
    expect(stdout).toMatch(/variation 1: \d+ notes, .*, 50 % bars restated → /);
    const notes = new Midi(await readFile(out)).tracks.flatMap((track) => track.notes);
    const bar = (index: number) =>
      notes
        .filter((note) => Math.floor(note.ticks / 1920) === index)
        .map((note) => [note.midi, note.ticks - index * 1920, Math.round(note.velocity * 127)]);
    expect(bar(0).length).toBeGreaterThan(0);
    expect(bar(2)).toEqual(bar(0));
    expect(bar(3)).toEqual(bar(1));
    await expect(run('music', 'generate', '--form', 'AAXA', '--out', join(home.path, 'x.mid'))).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringMatching(/--form: a form is 1–16 section letters A–H/),
    });
    await expect(
      run('music', 'generate', '--bars', '2', '--form', 'ABA', '--out', join(home.path, 'x.mid')),
    ).rejects.toMatchObject({ code: 64, stderr: expect.stringMatching(/more sections than the song's 2 bars/) });
  });

  it('says a flat key as given, writes its key signature, and a loop-ready WAV unless the tail is asked for', async () => {
    const out = join(home.path, 'flat', 'bb.mid');
    const { stdout } = await run(
      'music',
      'generate',
      '--bars',
      '2',
      '--tempo',
      '96',
      '--key',
      'Bb minor',
      '--seed',
      '5',
      '--out',
      out,
      '--wav',
      join(home.path, 'flat', 'bb.wav'),
    );
    expect(stdout).toMatch(/ · Bb minor, locked, pop, 96 bpm · seed 5 · /);
    const signatures = keySignaturesOf(await readFile(out));
    expect(signatures.tonejs).toEqual(['Db minor']);
    if (signatures.mido) expect(signatures.mido).toEqual(['Bbm']);
    expect(wavLengthOf(await readFile(join(home.path, 'flat', 'bb.wav'))).seconds).toBeCloseTo((2 * 4 * 60) / 96, 4);
    await run(
      'music',
      'generate',
      '--bars',
      '2',
      '--tempo',
      '96',
      '--key',
      'A# minor',
      '--seed',
      '5',
      '--wav',
      join(home.path, 'flat', 'tail.wav'),
      '--wav-tail',
    );
    expect(wavLengthOf(await readFile(join(home.path, 'flat', 'tail.wav'))).seconds).toBeCloseTo(
      (2 * 4 * 60) / 96 + 1,
      3,
    );
  });

  it('claims no key without --key: each variation says the key its notes are in', async () => {
    const { stdout } = await run('music', 'generate', '--bars', '4', '--variations', '3', '--seed', '8', '--json');
    const report = JSON.parse(stdout) as MusicRun;
    expect(report.result.key).toBeUndefined();
    const text = await run(
      'music',
      'generate',
      '--bars',
      '4',
      '--variations',
      '3',
      '--seed',
      '8',
      '--out',
      join(home.path, 'free.mid'),
    );
    expect(text.stdout).toMatch(/ · no key, pop, 120 bpm · /);
    expect(text.stdout).not.toMatch(/C major ·|in C major/);
    for (const variation of report.result.variations) {
      const named = describeKey(variation.stats.detectedKey!);
      expect(text.stdout).toContain(
        `detected ${named} (${(variation.stats.detectedKeyFit! * 100).toFixed(0)} % in its scale)`,
      );
    }
  });

  it('names the primer file and what is wrong with it', async () => {
    const notMidi = join(home.path, 'song.wav');
    await writeFile(notMidi, Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(40)]));
    await expect(run('music', 'continue', notMidi, '--out', join(home.path, 'n.mid'))).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringContaining(`${notMidi} is not a usable MIDI file: it is a WAV audio file, not MIDI.`),
    });
    const cut = join(home.path, 'cut.mid');
    const whole = await readFile(join(home.path, 'clips', 'idea-1.mid'));
    await writeFile(cut, whole.subarray(0, whole.length - 20));
    await expect(run('music', 'drums', '--follow', cut, '--out', join(home.path, 'n.mid'))).rejects.toMatchObject({
      stderr: expect.stringMatching(
        /cut\.mid is not a usable MIDI file: track 2 of 2 is truncated: it declares \d+ bytes/,
      ),
    });
  });
});
