// The `mosaic` command: a client of the service running on this data folder (the app or `mosaic serve`) when there is
// one, else the same engine as the app started inside this process; its verbs come from the contract's CLI
// descriptors (command-table.ts), mapped onto arguments and exit codes.
import { parseArgs } from 'node:util';
import { MosaicError, isMethodId, methodIds, methods, toErrorPayload, type MethodId } from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import { locateResources, resolveDataFolder } from '../platform/paths.js';
import type { MosaicCore } from '../services/mosaic-core.js';
import { openCliEngine } from './cli-engine.js';
import {
  commandsOfGroup,
  findCommand,
  groupUsage,
  overallUsage,
  parseJson,
  runGenericVerb,
  usageOf,
  type CliIo,
} from './command-table.js';
import { exitCodeOf } from './exit-codes.js';
import { defaultPort } from './running-service.js';

const serveSynopsis = `serve [--port N] [--grpc-port N] [--host ADDR] [--allow-host NAME]... [--cors-origin ORIGIN]...`;
const serveUsage = `  ${serveSynopsis}
      Serves the Studio UI and the HTTP API on 127.0.0.1 (default port ${defaultPort}; 0 = any free port); --grpc-port
      also serves the Open Inference Protocol over gRPC (inference.GRPCInferenceService; 0 = any free port); --host
      binds another address (0.0.0.0 = every interface), --allow-host accepts more Host names, --cors-origin allows
      browser origins`;
const callUsage = `  call <method> [json|-]
      Calls any contract method with a JSON request (- reads it from stdin; {} by default) and prints the JSON
      response: through the service on this data folder when one runs, else in this process`;

const footer = `Options:
  -v, --version          Print the version
  -h, --help             Print this help

Environment:
  MOSAIC_HOME            Data folder (default: the OS's per-user app-data folder)
  MOSAIC_EP              Force an execution provider (cpu, cuda, dml, coreml)
  MOSAIC_LOG_LEVEL       debug | info | warn | error
  MOSAIC_API_TOKEN       The HTTP API's bearer token (default: MOSAIC_HOME/api-token, created by serve)
  MOSAIC_CORS_ORIGINS    Browser origins allowed to call the HTTP API, comma-separated

When the Studio or \`mosaic serve\` runs on MOSAIC_HOME (its service.json), every command is its client; otherwise
the engine starts inside the command. See docs/cli.md.`;

const usage = overallUsage(
  [
    { synopsis: 'serve', summary: 'Serves the Studio UI and the HTTP API until interrupted (mosaic serve --help).' },
    { synopsis: 'call <method> [json]', summary: 'Calls any contract method and prints its JSON response.' },
  ],
  footer,
);

const isHelp = (word: string | undefined) => word === '-h' || word === '--help' || word === 'help';

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || isHelp(first)) {
    io.stdout(`${usage}\n`);
    return first === undefined ? exitCodeOf.BAD_REQUEST : 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${locateResources().packageVersion}\n`);
    return 0;
  }
  if (first === 'serve') {
    if (isHelp(rest[0])) return (io.stdout(`Usage: mosaic serve [options]\n\n${serveUsage}\n`), 0);
    return serve(rest, io);
  }
  if (first === 'call') return call(rest, io);

  const found = findCommand(argv);
  if (!found) {
    if (commandsOfGroup(first).length === 0) {
      throw new MosaicError('BAD_REQUEST', `Unknown command "${first}". Run "mosaic --help".`);
    }
    if (rest.length === 0 || isHelp(rest[0])) {
      io.stdout(`${groupUsage(first)}\n`);
      return rest.length === 0 ? exitCodeOf.BAD_REQUEST : 0;
    }
    throw new MosaicError('BAD_REQUEST', `Unknown ${first} command "${rest[0]}". Run "mosaic ${first} --help".`);
  }
  const { command, rest: args } = found;
  if (isHelp(args[0])) {
    io.stdout(`Usage: mosaic ${command.verb} …\n\n${usageOf(command)}\n`);
    return 0;
  }
  const engine = await openCliEngine(command.reach, () => startEngine(command.reach === 'none'));
  if (engine.service && command.reach === 'data-folder') {
    process.stderr.write(`mosaic: running in the service at ${engine.service.url} (MOSAIC_HOME/service.json)\n`);
  }
  try {
    return command.handler
      ? await command.handler(engine, command.verb, args, io)
      : await runGenericVerb(command, engine, args, io);
  } finally {
    await engine.dispose();
  }
}

/** `mosaic call <method> [json|-]`: any contract method, its response as JSON. */
async function call(args: string[], io: CliIo): Promise<number> {
  const [method, body, ...extra] = args;
  if (method === undefined || isHelp(method)) {
    const list = methodIds.map((id) => `  ${id.padEnd(24)}${methods[id].summary}`).join('\n');
    io.stdout(`Usage: mosaic call <method> [json|-]\n\n${callUsage}\n\nMethods:\n${list}\n`);
    return method === undefined ? exitCodeOf.BAD_REQUEST : 0;
  }
  if (!isMethodId(method)) {
    throw new MosaicError('BAD_REQUEST', `Unknown method "${method}". Run "mosaic call --help" for the list.`);
  }
  if (extra.length > 0) {
    throw new MosaicError('BAD_REQUEST', `Give the request as one JSON argument (quote it), not "${extra[0]}".`);
  }
  const text = body === '-' ? await readStdin() : (body ?? '{}');
  const request = parseJson(text, `The request for ${method}`);
  const engine = await openCliEngine('data-folder', () => startEngine(false));
  try {
    const response = await engine.call(method as MethodId, request as never, { origin: 'cli', signal: io.signal });
    io.stdout(`${JSON.stringify(response, null, 2)}\n`);
    return 0;
  } finally {
    await engine.dispose();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The engine inside this process, imported only when a command needs it: a command answered by a running service
 * never loads the model library, the inference host supervision or the HTTP server.
 */
async function startEngine(isService: boolean, logger?: Logger): Promise<MosaicCore> {
  const [{ createMosaicCore }, { ForkedHostLauncher }, { createLogger, logLevelFromEnv }] = await Promise.all([
    import('../services/mosaic-core.js'),
    import('../platform/host-process.js'),
    import('../platform/logger.js'),
  ]);
  return createMosaicCore({
    resources: locateResources(),
    dataFolder: resolveDataFolder(),
    launcher: new ForkedHostLauncher(),
    logger: logger ?? createLogger('mosaic', isService ? logLevelFromEnv() : 'warn'),
    // A service shows runs other processes record on its data folder as they happen.
    followHistory: isService,
  });
}

async function serve(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string', default: String(defaultPort) },
    'grpc-port': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'allow-host': { type: 'string', multiple: true, default: [] },
    'cors-origin': { type: 'string', multiple: true, default: [] },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new MosaicError('BAD_REQUEST', `--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  const grpcPort = values['grpc-port'] === undefined ? undefined : Number(values['grpc-port']);
  if (grpcPort !== undefined && (!Number.isInteger(grpcPort) || grpcPort < 0 || grpcPort > 65535)) {
    throw new MosaicError('BAD_REQUEST', `--grpc-port must be a number from 0 to 65535, not "${values['grpc-port']}".`);
  }
  for (const origin of values['cors-origin']) {
    if (!/^https?:\/\/[^/]+$/.test(origin.replace(/\/$/, ''))) {
      throw new MosaicError(
        'BAD_REQUEST',
        `--cors-origin takes an origin such as https://tool.example:8080, not "${origin}".`,
      );
    }
  }
  const [{ MosaicHttpServer }, { serveStudio }, { createLogger, logLevelFromEnv }] = await Promise.all([
    import('../http/http-server.js'),
    import('./serve.js'),
    import('../platform/logger.js'),
  ]);
  const logger = createLogger('mosaic', logLevelFromEnv());
  const host = values.host;
  if (MosaicHttpServer.isExposed(host)) {
    process.stderr.write(
      `mosaic: warning: binding ${host} makes the API reachable from other machines; every route except /v2/health/* ` +
        'needs the token, and traffic is plain HTTP.\n',
    );
  }
  const core = await startEngine(true, logger);
  try {
    const options = {
      port,
      host,
      allowHosts: values['allow-host'],
      corsOrigins: values['cors-origin'],
      ...(grpcPort === undefined ? {} : { grpcPort }),
    };
    const server = await serveStudio(core, options, logger).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        throw new MosaicError(
          'BAD_REQUEST',
          `Port ${port} is in use. Choose another with --port N (0 picks a free one).`,
        );
      }
      if (grpcPort !== undefined && /EADDRINUSE|address already in use/i.test(String(error))) {
        throw new MosaicError(
          'BAD_REQUEST',
          `gRPC port ${grpcPort} is in use. Choose another with --grpc-port N (0 picks a free one).`,
        );
      }
      throw error;
    });
    // Listen for Ctrl+C before saying where it serves: a caller that stops it as soon as it reads the address must
    // still get the orderly close (service.json removed), not the default exit.
    const interrupted = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    io.stdout(`Mosaic Studio is serving at ${server.url}\n`);
    // Like Jupyter: the URL carries the API token in its fragment; the page keeps it and removes it from the address.
    io.stdout(`Open the Studio at ${server.studioUrl}\n`);
    if (server.grpcAddress) {
      io.stdout(`Open Inference Protocol over gRPC at ${server.grpcAddress} (inference.GRPCInferenceService)\n`);
    }
    io.stdout(`API token: ${core.apiAccess.tokenFile} (send "Authorization: Bearer <token>")\n`);
    await interrupted;
    await server.close();
    return 0;
  } finally {
    await core.dispose();
  }
}

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new MosaicError('BAD_REQUEST', error instanceof Error ? error.message : String(error));
  }
}

/** stdout, stderr, and a signal aborted on Ctrl-C (while a command runs; `serve` listens for itself). */
function processIo(): CliIo {
  const interrupt = new AbortController();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: process.stderr,
    signal: interrupt.signal,
  };
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
