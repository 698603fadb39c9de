// The CLI derived from the contract: every method reachable from a verb (or excluded with a reason), verbs found from
// argv, generic verbs filling requests the method accepts, and usage built from the methods' summaries.
import { describe, expect, it } from 'vitest';
import type { EventId, MethodId } from '../../../../contract/index.js';
import { MosaicError, cliDescriptors, methodIds, methods } from '../../../../contract/index.js';
import type { CliEngine } from '../../../../main/cli/cli-engine.js';
import {
  cliCommands,
  findCommand,
  groupUsage,
  runGenericVerb,
  synopsisOf,
  type CliIo,
} from '../../../../main/cli/command-table.js';
import { main } from '../../../../main/cli/mosaic.js';

/** An engine that answers every call with `{ok: true}` and records what it was asked, after the method's validation. */
function recordingEngine() {
  const calls: { method: MethodId; request: unknown }[] = [];
  const engine: CliEngine = {
    service: null,
    async call(method, request) {
      calls.push({ method, request: methods[method].request.parse(request) });
      return { ok: true } as never;
    },
    on: (_event: EventId) => () => undefined,
    local: () => Promise.reject(new Error('no engine in this test')),
    dispose: () => Promise.resolve(),
  };
  return { engine, calls };
}

function captureIo() {
  let stdout = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: { write: () => undefined, isTTY: false },
    signal: new AbortController().signal,
  };
  return { io, output: () => stdout };
}

async function runVerb(argv: string[]) {
  const found = findCommand(argv);
  if (!found) throw new Error(`no verb in ${argv.join(' ')}`);
  const { engine, calls } = recordingEngine();
  const { io, output } = captureIo();
  const code = await runGenericVerb(found.command, engine, found.rest, io);
  return { code, calls, stdout: output() };
}

describe('every contract method on the command line', () => {
  it.each(methodIds)('%s has a verb, is reached through one, or is excluded with a reason', (method) => {
    const descriptor = cliDescriptors[method];
    expect(descriptor, `${method} needs an entry in contract/cli-verbs.ts`).toBeDefined();
    if ('verb' in descriptor) {
      const found = findCommand(descriptor.verb.split(' '));
      expect(found?.command.verb).toBe(descriptor.verb);
      expect(found?.command.methods[0]).toBe(method);
    } else if ('through' in descriptor) {
      const found = findCommand(descriptor.through.split(' '));
      expect(found?.command.methods).toContain(method);
    } else {
      expect((descriptor as { excluded: string }).excluded.length).toBeGreaterThan(20);
    }
  });

  it('gives every verb a handler or request fields for all of its arguments and flags', () => {
    for (const command of cliCommands.filter((entry) => !entry.handler)) {
      for (const argument of command.descriptor.arguments ?? []) {
        expect(argument.field ?? argument.value, `${command.verb} ${argument.name}`).toBeDefined();
      }
      for (const [name, flag] of Object.entries(command.descriptor.flags ?? {})) {
        expect(flag.field ?? flag.value, `${command.verb} --${name}`).toBeDefined();
      }
    }
  });

  it('finds the longest verb argv spells, and aliases', () => {
    expect(findCommand(['models', 'catalogs', 'add', 'https://x.example'])).toMatchObject({
      command: { verb: 'models catalogs add' },
      rest: ['https://x.example'],
    });
    expect(findCommand(['models', 'catalogs'])?.command.verb).toBe('models catalogs');
    expect(findCommand(['models', 'use', 'a@1.0.0'])?.command.verb).toBe('models activate');
    expect(findCommand(['ps', '--json'])).toMatchObject({
      command: { methods: ['inference.sessions', 'inference.metrics'] },
    });
    expect(findCommand(['history'])).toBeNull();
    expect(findCommand(['transmogrify'])).toBeNull();
  });
});

describe('generic verbs', () => {
  it('fill the request from positional arguments and flags, as the method validates it', async () => {
    const keep = await runVerb(['history', 'keep', 'entry-1', '--variation', '2', '--unkeep']);
    expect(keep.calls).toEqual([{ method: 'history.keep', request: { id: 'entry-1', variation: 2, kept: false } }]);
    expect(JSON.parse(keep.stdout)).toEqual({ ok: true });

    const byJob = await runVerb(['history', 'keep', '--job-id', 'job-9']);
    expect(byJob.calls[0]!.request).toEqual({ jobId: 'job-9', kept: true });

    const list = await runVerb(['history', 'list', '--kind', 'song', '--kept', '--limit', '5']);
    expect(list.calls[0]).toEqual({
      method: 'history.list',
      request: { kind: 'song', kept: true, offset: 0, limit: 5 },
    });

    const preview = await runVerb(['models', 'preview', 'music-melody@1.1.0', '--catalog', 'bundled']);
    expect(preview.calls[0]!.request).toEqual({ name: 'music-melody', version: '1.1.0', catalogId: 'bundled' });

    const probe = await runVerb(['probe', '--input', '[[4,3,2,1]]']);
    expect(probe.calls[0]!.request).toEqual({ input: [[4, 3, 2, 1]] });
  });

  it('refuse a missing argument, an unknown flag and bad JSON with BAD_REQUEST naming the fix', async () => {
    await expect(runVerb(['jobs', 'cancel'])).rejects.toThrow(/Name <job-id>\. Run "mosaic jobs cancel --help"/);
    await expect(runVerb(['history', 'list', '--colour'])).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(runVerb(['history', 'list', '--limit', 'many'])).rejects.toThrow(/--limit must be a number/);
    await expect(runVerb(['probe', '--input', '[[1,2'])).rejects.toThrow(/--input must be JSON/);
    // What the method's own validation refuses is still refused (here by the recording engine's parse).
    await expect(runVerb(['history', 'list', '--kind', 'podcast'])).rejects.toThrow();
  });
});

describe('usage from the descriptors and the summaries', () => {
  it('prints each verb of a group with its synopsis and its method summary', () => {
    const usage = groupUsage('history');
    // Summaries are wrapped to the terminal's width: compare with the line breaks undone.
    const unwrapped = usage.replace(/\n +/g, ' ');
    for (const method of methodIds.filter((id) => id.startsWith('history.'))) {
      expect(unwrapped).toContain(methods[method].summary);
    }
    expect(Math.max(...usage.split('\n').map((line) => line.length))).toBeLessThanOrEqual(116);
    expect(usage).toContain('history keep [<id>] [--job-id ID] [--variation N] [--unkeep]');
  });

  it('lists every verb in mosaic --help, and every method in mosaic call --help', async () => {
    const top = captureIo();
    expect(await main(['--help'], top.io)).toBe(0);
    for (const command of cliCommands) expect(top.output()).toMatch(new RegExp(`^  ${command.verb} `, 'm'));
    const call = captureIo();
    expect(await main(['call', '--help'], call.io)).toBe(0);
    for (const method of methodIds) expect(call.output()).toContain(`  ${method} `);
  });

  it('builds a synopsis with required flags bare and optional ones bracketed', () => {
    const tokens = findCommand(['tokens'])!.command;
    expect(synopsisOf(tokens)).toMatch(/^tokens <model\[@version\]> --prompt "1 2 3" \[--max N\]/);
  });

  it('answers an unknown method or a request that is not JSON before starting anything', async () => {
    const { io } = captureIo();
    await expect(main(['call', 'music.compose'], io)).rejects.toThrow(/Unknown method "music.compose"/);
    await expect(main(['call', 'history.list', '{kind:'], io)).rejects.toBeInstanceOf(MosaicError);
  });
});
