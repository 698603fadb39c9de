// `mosaic ps | load | unload | tokens`: the inference host as a developer sees it (like `ollama ps`), and raw
// token generation on any installed model.
import type { ResponseOf } from '../../contract/index.js';
import { cliFlagsOf } from '../../contract/index.js';
import { parseDuration, parseModelRef, parseNumber, parseOptions } from './cli-arguments.js';
import type { CliEngine } from './cli-engine.js';
import { formatBytes, table } from './models-format.js';

const help = 'mosaic --help';

/**
 * Loaded models live in a running service (MOSAIC_URL, MOSAIC_HOME/service.json or the default port: the engine's
 * service); without one these verbs act on an engine inside this process, and say so.
 */
export async function inferenceCommand(
  engine: CliEngine,
  command: string,
  args: string[],
  write: (text: string) => void,
): Promise<number> {
  const context = { origin: 'cli' as const };
  const call = engine.call.bind(engine);
  if (!engine.service && command !== 'tokens') {
    write('No Mosaic service is running (start the app or `mosaic serve`); showing this process only.\n');
  }
  switch (command) {
    case 'ps': {
      const { values } = parseOptions(args, cliFlagsOf('inference.sessions'), 0, help);
      const [sessions, metrics] = await Promise.all([
        call('inference.sessions', {}, context),
        call('inference.metrics', {}, context),
      ]);
      if (values.json) write(`${JSON.stringify({ ...sessions, metrics }, null, 2)}\n`);
      else write(formatProcessStatus(sessions, metrics));
      return 0;
    }
    case 'load': {
      const { values, positionals } = parseOptions(args, cliFlagsOf('inference.load'), 1, help);
      const model = selector(positionals[0], values.precision);
      const keepAliveMs =
        values['keep-alive'] === undefined ? undefined : parseDuration(values['keep-alive'], '--keep-alive');
      const session = await call(
        'inference.load',
        keepAliveMs === undefined ? { model } : { model, keepAliveMs },
        context,
      );
      write(
        `loaded ${session.model?.name}@${session.model?.version} on ${session.executionProvider} in ${session.loadMs.toFixed(0)} ms; ${session.expiresAt ? `until ${session.expiresAt}` : 'kept until unloaded'}\n`,
      );
      return 0;
    }
    case 'unload': {
      const { positionals } = parseOptions(args, cliFlagsOf('inference.unload'), 1, help);
      const { unloaded } = await call('inference.unload', { model: selector(positionals[0], undefined) }, context);
      write(unloaded ? 'unloaded\n' : 'was not loaded\n');
      return 0;
    }
    default: {
      const { values, positionals } = parseOptions(args, cliFlagsOf('inference.generate'), 1, help);
      const prompt = (values.prompt ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((token) => parseNumber(token, 'a prompt token', 0, 1e9, true)!);
      const result = await call(
        'inference.generate',
        {
          model: selector(positionals[0], values.precision),
          prompt,
          maxNewTokens: parseNumber(values.max, '--max', 1, 4096, true) ?? 64,
          variations: parseNumber(values.variations, '--variations', 1, 16, true) ?? 1,
          sampling: {
            temperature: parseNumber(values.temperature, '--temperature', 0, 5) ?? 1,
            topK: parseNumber(values['top-k'], '--top-k', 0, 4096, true) ?? 0,
            topP: parseNumber(values['top-p'], '--top-p', 0.01, 1) ?? 1,
          },
          ...(values.seed === undefined ? {} : { seed: parseNumber(values.seed, '--seed', 0, 0xffffffff, true) }),
        },
        context,
      );
      if (values.json) write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        for (const row of result.tokens) write(`${row.join(' ')}\n`);
        write(
          `# ${result.model.name}@${result.model.version} (${result.model.precision}) seed ${result.seed}: ${result.stats.newTokens} tokens at ${result.stats.tokensPerSecond.toFixed(0)} tok/s\n`,
        );
      }
      return 0;
    }
  }
}

function selector(ref: string | undefined, precision: string | undefined) {
  const parsed = parseModelRef(ref, false, help);
  return precision ? { ...parsed, precision: precision as 'fp32' | 'fp16' | 'int8' } : parsed;
}

type Sessions = ResponseOf<'inference.sessions'>;
type Metrics = ResponseOf<'inference.metrics'>;

function formatProcessStatus(sessions: Sessions, metrics: Metrics): string {
  const loaded = sessions.sessions.map((session) => [
    session.model ? `${session.model.name}@${session.model.version}` : session.modelPath,
    session.model?.precision ?? '',
    session.executionProvider,
    formatBytes(session.bytes),
    session.inUse > 0 ? 'in use' : session.expiresAt ? `until ${session.expiresAt.slice(11, 19)}` : 'forever',
  ]);
  const figures = metrics.models.map((entry) => [
    entry.model ? `${entry.model.name}@${entry.model.version}` : entry.modelPath,
    String(entry.generations),
    entry.tokensPerSecond.toFixed(0),
    entry.firstTokenMsMedian === null ? '—' : `${entry.firstTokenMsMedian.toFixed(1)} ms`,
    String(entry.errors),
  ]);
  return (
    [
      `inference host: ${formatBytes(sessions.rssBytes)} resident (peak ${formatBytes(metrics.peakRssBytes)}), budget ${formatBytes(sessions.budgetBytes)}`,
      loaded.length > 0
        ? table([['LOADED', 'PRECISION', 'PROVIDER', 'MEMORY', 'UNLOADS'], ...loaded])
        : 'no model loaded',
      figures.length > 0 ? table([['MODEL', 'GENERATIONS', 'TOK/S', 'FIRST TOKEN', 'ERRORS'], ...figures]) : '',
      // Only on a server that remote clients decode on (their caches held per sequence).
      metrics.kvSequences.started > 0
        ? `remote decoding: ${metrics.kvSequences.held} sequence caches held (${formatBytes(metrics.kvSequences.heldBytes)}), ` +
          `${metrics.kvSequences.started} started`
        : '',
    ]
      .filter(Boolean)
      .join('\n') + '\n'
  );
}
