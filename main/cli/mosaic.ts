// The `mosaic` command: the same engine as the app, in-process, mapped onto arguments and exit codes.
import { parseArgs } from 'node:util';
import { MosaicError, toErrorPayload } from '../../contract/index.js';
import { ForkedHostLauncher } from '../platform/host-process.js';
import { createLogger, logLevelFromEnv } from '../platform/logger.js';
import { locateResources, resolveDataFolder } from '../platform/paths.js';
import { createMosaicCore, type MosaicCore } from '../services/mosaic-core.js';
import { formatDoctorReport } from './doctor-report.js';
import { readServiceRecord } from '../services/service-record.js';
import { exitCodeOf } from './exit-codes.js';
import { inferenceCommand, inferenceUsage } from './inference-command.js';
import { levelCommand, levelUsage } from './level-command.js';
import { modelsCommand } from './models-command.js';
import { musicCommand, musicUsage } from './music-command.js';
import { MosaicHttpServer } from '../http/http-server.js';
import { engineForDataFolder, type ContractCaller } from './running-service.js';
import { defaultPort, serveStudio } from './serve.js';

const usage = `Usage: mosaic <command> [options]

Commands:
  doctor [--json]        Versions, execution providers, data folder, installed models, health checks
  serve [--port N]       Serve the Studio UI and the HTTP API on 127.0.0.1 (default port ${defaultPort}; 0 = any free port)
        [--host ADDR] [--allow-host NAME]... [--cors-origin ORIGIN]...
                         Bind another address (0.0.0.0 = every interface), accept more Host names, allow browser origins
  models <command>       Model library: list, install, activate, rollback, remove, verify, gc, publish,
                         export, import, catalogs ("mosaic models --help" for all)
${inferenceUsage}
${levelUsage}
${musicUsage}

Options:
  -v, --version          Print the version
  -h, --help             Print this help

Environment:
  MOSAIC_HOME            Data folder (default: the OS's per-user app-data folder)
  MOSAIC_EP              Force an execution provider (cpu, cuda, dml, coreml)
  MOSAIC_LOG_LEVEL       debug | info | warn | error
  MOSAIC_API_TOKEN       The HTTP API's bearer token (default: MOSAIC_HOME/api-token, created by serve)
  MOSAIC_CORS_ORIGINS    Browser origins allowed to call the HTTP API, comma-separated`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const resources = locateResources();
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return command === undefined ? exitCodeOf.BAD_REQUEST : 0;
  }
  const commandUsage = { level: levelUsage, music: musicUsage }[command as string];
  if (commandUsage && (rest.length === 0 || ['-h', '--help', 'help'].includes(rest[0]!))) {
    process.stdout.write(`Usage: mosaic <command> [options]\n\n${commandUsage}\n`);
    return rest.length === 0 ? exitCodeOf.BAD_REQUEST : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${resources.packageVersion}\n`);
    return 0;
  }

  const logger = createLogger('mosaic', command === 'serve' ? logLevelFromEnv() : 'warn');
  const core = createMosaicCore({
    resources,
    dataFolder: resolveDataFolder(),
    launcher: new ForkedHostLauncher(),
    logger,
    // A service shows runs other processes record on its data folder as they happen.
    followHistory: command === 'serve',
  });
  try {
    switch (command) {
      case 'doctor':
        return await doctor(core, rest);
      case 'serve':
        return await serve(core, rest, logger);
      case 'models':
        return await models(core, rest);
      case 'music':
        return await musicCommand(await generationEngine(core), rest, (text) => process.stdout.write(text));
      case 'level':
        return await levelCommand(await generationEngine(core), rest, (text) => process.stdout.write(text));
      case 'ps':
      case 'load':
      case 'unload':
      case 'tokens':
        return await inferenceCommand(core, command, rest, (text) => process.stdout.write(text));
      default:
        throw new MosaicError('BAD_REQUEST', `Unknown command "${command}". Run "mosaic --help".`);
    }
  } finally {
    await core.dispose();
  }
}

/**
 * Generations run in the app or `mosaic serve` when one runs on this data folder (its History and event stream show
 * them, and its loaded models answer); otherwise in an engine inside this process.
 */
async function generationEngine(core: MosaicCore): Promise<ContractCaller> {
  const { engine, service } = await engineForDataFolder(core.dispatcher);
  if (service) process.stderr.write(`mosaic: running in the service at ${service.url} (MOSAIC_HOME/service.json)\n`);
  return engine;
}

async function doctor(core: MosaicCore, args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean', default: false } });
  // The service on this data folder answers for its own engine (its inference host may be backing off); else this one.
  const { engine } = await engineForDataFolder(core.dispatcher);
  const report = await engine.call('system.doctor', {}, { origin: 'cli' });
  // The service (the app or `mosaic serve`) on this data folder, if one runs: where the UI, API and scripts go.
  const service = await readServiceRecord(report.dataFolder);
  process.stdout.write(
    values.json ? `${JSON.stringify({ ...report, service }, null, 2)}\n` : `${formatDoctorReport(report, service)}\n`,
  );
  return report.checks.every((check) => check.ok) ? 0 : 1;
}

async function models(core: MosaicCore, args: string[]): Promise<number> {
  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  process.once('SIGINT', onSigint);
  try {
    return await modelsCommand(core, args, {
      stdout: (text) => process.stdout.write(text),
      stderr: process.stderr,
      signal: interrupt.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function serve(core: MosaicCore, args: string[], logger: ReturnType<typeof createLogger>): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string', default: String(defaultPort) },
    host: { type: 'string', default: '127.0.0.1' },
    'allow-host': { type: 'string', multiple: true, default: [] },
    'cors-origin': { type: 'string', multiple: true, default: [] },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MosaicError('BAD_REQUEST', `--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  for (const origin of values['cors-origin']) {
    if (!/^https?:\/\/[^/]+$/.test(origin.replace(/\/$/, ''))) {
      throw new MosaicError(
        'BAD_REQUEST',
        `--cors-origin takes an origin such as https://tool.example:8080, not "${origin}".`,
      );
    }
  }
  const host = values.host;
  if (MosaicHttpServer.isExposed(host)) {
    process.stderr.write(
      `mosaic: warning: binding ${host} makes the API reachable from other machines; every route except /v2/health/* ` +
        'needs the token, and traffic is plain HTTP.\n',
    );
  }
  const options = { port, host, allowHosts: values['allow-host'], corsOrigins: values['cors-origin'] };
  const server = await serveStudio(core, options, logger).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new MosaicError(
        'BAD_REQUEST',
        `Port ${port} is in use. Choose another with --port N (0 picks a free one).`,
      );
    }
    throw error;
  });
  process.stdout.write(`Mosaic Studio is serving at ${server.url}\n`);
  // Like Jupyter: the URL carries the API token in its fragment; the page keeps it and removes it from the address.
  process.stdout.write(`Open the Studio at ${server.studioUrl}\n`);
  process.stdout.write(`API token: ${core.apiAccess.tokenFile} (send "Authorization: Bearer <token>")\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new MosaicError('BAD_REQUEST', error instanceof Error ? error.message : String(error));
  }
}

/** Runs `main` and turns a coded error into a one-line message and its exit code. */
export function runCli(argv: string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const payload = toErrorPayload(error);
      process.stderr.write(`mosaic: ${payload.message} [${payload.code}]\n`);
      process.exitCode = exitCodeOf[payload.code];
    },
  );
}
