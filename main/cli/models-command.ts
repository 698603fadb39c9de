// `mosaic models …`: the model library's contract methods as subcommands, with --json and a progress bar on a TTY. Their
// flags are the contract's CLI descriptors' (contract/cli-verbs.ts); the calls go where the engine sends them (the
// service on this data folder, else this process; a file or folder on this machine always in this process).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { InstallJob } from '../../contract/index.js';
import { MosaicError, cliFlagsOf, precisionSchema } from '../../contract/index.js';
import type { CliEngine } from './cli-engine.js';
import { parseModelRef } from './cli-arguments.js';
import { exitCodeOf } from './exit-codes.js';
import { InstallProgress } from './install-progress.js';
import * as format from './models-format.js';

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

export interface ModelsCommandIo {
  stdout: (text: string) => void;
  stderr: { write(text: string): void; isTTY: boolean; columns?: number };
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export async function modelsCommand(engine: CliEngine, argv: string[], io: ModelsCommandIo): Promise<number> {
  const [sub, ...args] = argv;
  const call = engine.call.bind(engine);
  const context = { origin: 'cli' as const, signal: io.signal };
  const parse = <T extends Options>(options: T, positionals: number, input: string[] = args) => {
    try {
      const parsed = parseArgs({
        args: input,
        options: { ...options, json: { type: 'boolean' } },
        allowPositionals: true,
      });
      if (parsed.positionals.length > positionals)
        throw new Error(`unexpected argument "${parsed.positionals[positionals]}"`);
      return parsed;
    } catch (error) {
      throw new MosaicError(
        'BAD_REQUEST',
        `${error instanceof Error ? error.message : error}. Run "mosaic models --help".`,
      );
    }
  };
  const print = <T>(json: boolean | undefined, value: T, text: (value: T) => string): number => {
    io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${text(value)}\n`);
    return 0;
  };

  switch (sub) {
    case 'list': {
      const { values } = parse(cliFlagsOf('models.list'), 0);
      return print(values.json, await call('models.list', {}, context), format.formatList);
    }
    case 'show': {
      const { values, positionals } = parse(cliFlagsOf('models.show'), 1);
      const { name, version } = parseRef(positionals[0], false);
      return print(values.json, await call('models.show', { name, version }, context), format.formatDetail);
    }
    case 'catalogs':
      return catalogsCommand();
    case 'install': {
      const { values, positionals } = parse(cliFlagsOf('models.install'), 1);
      const { name, version } = parseRef(positionals[0], false);
      const progress = new InstallProgress(io.stderr);
      let jobId: string | undefined;
      const unsubscribe = engine.on('models.didProgressInstall', (job: InstallJob) => {
        if (job.name !== name) return;
        jobId = job.jobId;
        if (!values.json) progress.update(job);
      });
      // A service does not see this process's Ctrl-C: cancel its job by id (what was downloaded stays for a resume).
      const cancelInService = (): void => {
        if (engine.service && jobId) void call('models.cancelInstall', { jobId }, context).catch(() => undefined);
      };
      io.signal.addEventListener('abort', cancelInService, { once: true });
      try {
        const request = { name, version, catalogId: values.catalog, activate: !values['no-activate'], wait: true };
        const job = await call('models.install', request, context);
        progress.endLine();
        return print(values.json, job, (done) =>
          done.state === 'installed'
            ? `installed ${done.name}@${done.version}${done.activated ? ' (now active)' : ''}`
            : `${done.state}`,
        );
      } finally {
        io.signal.removeEventListener('abort', cancelInService);
        progress.endLine();
        unsubscribe();
      }
    }
    case 'activate':
    case 'use': {
      const { values, positionals } = parse(cliFlagsOf('models.activate'), 1);
      const { name, version } = parseRef(positionals[0], true);
      const result = await call('models.activate', { name, version: version!, reason: values.reason }, context);
      return print(values.json, result, (r) => `${r.name}: ${r.previousVersion ?? 'none'} → ${r.activeVersion}`);
    }
    case 'rollback': {
      const { values, positionals } = parse(cliFlagsOf('models.rollback'), 1);
      const result = await call(
        'models.rollback',
        { name: required(positionals[0], 'a model name'), reason: values.reason },
        context,
      );
      return print(
        values.json,
        result,
        (r) => `${r.name}: rolled back ${r.previousVersion ?? 'none'} → ${r.activeVersion}`,
      );
    }
    case 'remove': {
      const { values, positionals } = parse(cliFlagsOf('models.remove'), 1);
      const { name, version } = parseRef(positionals[0], true);
      const result = await call('models.remove', { name, version: version!, force: values.force ?? false }, context);
      return print(values.json, result, format.formatRemoved);
    }
    case 'history': {
      const { values, positionals } = parse(cliFlagsOf('models.history'), 1);
      const { entries } = await call('models.history', { name: positionals[0] }, context);
      return print(values.json, entries, format.formatHistory);
    }
    case 'verify': {
      const { values } = parse(cliFlagsOf('models.verify'), 0);
      const report = await call('models.verify', { repair: values.repair ?? false }, context);
      print(values.json, report, format.formatVerify);
      return report.ok ? 0 : exitCodeOf.INTEGRITY_ERROR;
    }
    case 'gc': {
      const { values } = parse(cliFlagsOf('models.gc'), 0);
      return print(
        values.json,
        await call('models.gc', { dryRun: values['dry-run'] ?? false }, context),
        format.formatGc,
      );
    }
    case 'usage': {
      const { values } = parse(cliFlagsOf('models.usage'), 0);
      return print(values.json, await call('models.usage', {}, context), format.formatUsage);
    }
    case 'export': {
      const { values, positionals } = parse(
        { ...cliFlagsOf('models.export'), output: { type: 'string', short: 'o' } },
        1,
      );
      const { name, version } = parseRef(positionals[0], true);
      if (values.triton) {
        const precision = values.precision ? precisionSchema.parse(values.precision) : undefined;
        const repository = resolve(values.triton);
        const request = { name, version: version!, repository, ...(precision ? { precision } : {}) };
        const result = await call('models.exportTriton', request, context);
        return print(
          values.json,
          result,
          (r) =>
            `wrote ${r.graph} (${r.precision}, Triton version ${r.tritonVersion}) and ${r.modelFolder}/config.pbtxt`,
        );
      }
      const file = resolve(values.output ?? `${name}-${version}.mosaic.tar`);
      const result = await call('models.export', { name, version: version!, file }, context);
      return print(values.json, result, (r) => `wrote ${r.file} (${format.formatBytes(r.bytes)}, sha256 ${r.sha256})`);
    }
    case 'import': {
      const { values, positionals } = parse(cliFlagsOf('models.import'), 1);
      const file = resolve(required(positionals[0], 'a bundle file'));
      const result = await call('models.import', { file, activate: !values['no-activate'] }, context);
      return print(values.json, result, (r) => `imported ${r.name}@${r.version}${r.activated ? ' (now active)' : ''}`);
    }
    case 'publish': {
      const { values, positionals } = parse(cliFlagsOf('models.publish'), 1);
      const packageFolder = resolve(required(positionals[0], 'a package folder'));
      const catalogFolder = resolve(required(values.catalog, '--catalog <dir>'));
      const result = await call(
        'models.publish',
        { packageFolder, catalogFolder, force: values.force ?? false },
        context,
      );
      return print(
        values.json,
        result,
        (r) =>
          `published ${r.name}@${r.version} to ${r.catalogFolder} (${r.copiedBlobs} blobs copied, ${r.reusedBlobs} already there)`,
      );
    }
    default:
      throw new MosaicError('BAD_REQUEST', `Unknown models command "${sub}". Run "mosaic models --help".`);
  }

  async function catalogsCommand(): Promise<number> {
    const [action, ...rest] = args;
    if (action === 'add' || action === 'remove') {
      const add = cliFlagsOf('models.addCatalog');
      const flags = action === 'add' ? add : (cliFlagsOf('models.removeCatalog') as typeof add);
      const { values, positionals } = parse({ ...flags }, 1, rest);
      const target = required(positionals[0], action === 'add' ? 'a URL or folder' : 'a catalog id');
      if (action === 'remove') {
        return print(
          values.json,
          await call('models.removeCatalog', { id: target }, context),
          (r) => `removed ${r.id}`,
        );
      }
      const location = /^[a-z]+:\/\//i.test(target) ? target : resolve(target);
      const status = await call(
        'models.addCatalog',
        { location, id: values.id, allowHttp: values['allow-http'] ?? false },
        context,
      );
      return print(values.json, status, (s) => format.formatCatalogs([s]));
    }
    const { values } = parse(cliFlagsOf('models.catalogs'), 0);
    const { catalogs } = await call('models.catalogs', {}, context);
    return print(values.json, catalogs, format.formatCatalogs);
  }
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new MosaicError('BAD_REQUEST', `Name ${what}. Run "mosaic models --help".`);
  return value;
}

/** `name` or `name@version`; the version is required where a command acts on one exact version. */
function parseRef(value: string | undefined, needsVersion: boolean): { name: string; version?: string } {
  return parseModelRef(value, needsVersion, 'mosaic models --help');
}
