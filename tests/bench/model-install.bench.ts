// Install throughput of a 200 MB package from a loopback HTTP catalog, beside raw SHA-256 and transfer speeds.
// Alone: node --import tsx tests/bench/model-install.bench.ts [--mb=200] [--runs=3]
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CatalogPublisher } from '../../main/services/model-library/catalog-publisher.js';
import { ModelLibrary } from '../../main/services/model-library/model-library.js';
import { manifestFor } from '../support/model-packages.js';
import { fixed, markdownTable, median } from './bench-stats.js';

const MB = 1_000_000;

export interface ModelInstallBenchOptions {
  /** Package size in MB (10^6 bytes). */
  megabytes?: number;
  /** Measured runs per row (after one warm-up). */
  runs?: number;
}

export async function runModelInstallBench(options: ModelInstallBenchOptions = {}): Promise<string> {
  const megabytes = options.megabytes ?? 200;
  const runs = options.runs ?? 3;
  const root = await mkdtemp(join(tmpdir(), 'mosaic-install-bench-'));
  const server = await startServer(join(root, 'catalog'));
  try {
    const { file, size } = await writeRandomPackage(join(root, 'package'), megabytes * MB);
    await new CatalogPublisher().publish(join(root, 'package'), join(root, 'catalog'));
    const memory = randomBytes(64 * MB);

    /** Wall-clock MB/s, and MB per CPU-second spent in this process (what the rate would be on an idle core). */
    const timed = async (bytes: number, work: () => Promise<unknown>): Promise<Sample> => {
      const cpu = process.cpuUsage();
      const started = performance.now();
      await work();
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      return { wall: bytes / MB / seconds, cpu: bytes / MB / ((used.user + used.system) / 1e6) };
    };
    let run = 0;
    const install = await samples(runs, () =>
      timed(size, async () => {
        const home = join(root, `home-${run++}`);
        const library = new ModelLibrary({
          dataFolder: home,
          bundledCatalogFolder: join(root, 'none'),
          appVersion: '0.1.0',
        });
        try {
          await library.addCatalog(server.url, { id: 'bench' });
          await library.install({ name: 'bench', wait: true });
        } finally {
          await library.dispose();
          await rm(home, { recursive: true, force: true });
        }
      }),
    );
    const httpOnly = await samples(runs, () => timed(size, () => drain(`${server.url}blobs/sha256-${file.sha256}`)));
    const hashFile = await samples(runs, () =>
      timed(size, () => hashStream(createReadStream(file.path, { highWaterMark: MB }))),
    );
    const hashMemory = await samples(runs, () =>
      timed(memory.length, async () => createHash('sha256').update(memory).digest()),
    );

    const rows = [
      ['install end to end (fetch + hash + write + fsync + commit)', install],
      ['loopback HTTP transfer only (no hash, no disk)', httpOnly],
      ['sha256 of the file (page cache)', hashFile],
      ['sha256 in memory (64 MB buffer)', hashMemory],
    ] as const;
    const load = loadavg()[0]!.toFixed(1);
    return [
      `### Model install (${megabytes} MB package, loopback HTTP catalog served by a separate process)`,
      '',
      markdownTable(
        ['measurement', 'median MB/s', 'min–max MB/s', 'MB per CPU-second of the installer'],
        rows.map(([label, values]) => {
          const wall = values.map((value) => value.wall);
          return [
            label,
            fixed(median(wall)),
            `${fixed(Math.min(...wall))}–${fixed(Math.max(...wall))}`,
            fixed(median(values.map((value) => value.cpu))),
          ];
        }),
      ),
      '',
      `MB = 10^6 bytes; median of ${runs} runs after one warm-up; each install starts from an empty MOSAIC_HOME. ` +
        `Load average when it finished: ${load} on ${cpus().length} cores (CPU-seconds are less sensitive to other work than wall time).`,
    ].join('\n');
  } finally {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
}

interface Sample {
  wall: number;
  cpu: number;
}

async function samples(runs: number, measure: () => Promise<Sample>): Promise<Sample[]> {
  await measure(); // warm-up
  const results: Sample[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await measure());
  return results;
}

/** Writes `<folder>/weights.bin` of random bytes plus a manifest; returns the blob's digest and path. */
async function writeRandomPackage(folder: string, size: number) {
  await mkdir(folder, { recursive: true });
  const path = join(folder, 'weights.bin');
  const hash = createHash('sha256');
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < size;) {
      const chunk = randomBytes(Math.min(8 * MB, size - written));
      hash.update(chunk);
      await handle.write(chunk);
      written += chunk.length;
    }
  } finally {
    await handle.close();
  }
  const sha256 = hash.digest('hex');
  const manifest = manifestFor({ name: 'bench', version: '1.0.0', withoutGraph: true }, []);
  manifest.files = [{ path: 'weights.bin', size, sha256, role: 'weights' }];
  await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { file: { path, sha256 }, size };
}

/** The catalog server in its own process, as a real one would be, so it does not share this event loop. */
async function startServer(folder: string): Promise<{ url: string; stop: () => Promise<void> }> {
  await mkdir(folder, { recursive: true });
  const child = fork(fileURLToPath(import.meta.url), ['--serve', folder], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve(String(message)));
    child.once('exit', (code) => reject(new Error(`the catalog server exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

function drain(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, (response) => {
      response.on('data', () => undefined);
      response.on('end', resolve);
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function hashStream(stream: AsyncIterable<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}

const entry = process.argv[1] ? pathToFileURL(process.argv[1]).href === import.meta.url : false;
if (entry && process.argv[2] === '--serve') {
  const { CatalogServer } = await import('../support/catalog-server.js');
  const server = new CatalogServer(process.argv[3]!);
  process.send?.(await server.listen());
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
} else if (entry) {
  const option = (name: string) => process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split('=')[1];
  const megabytes = Number(option('mb') ?? 200);
  const runs = Number(option('runs') ?? 3);
  process.stdout.write(`${await runModelInstallBench({ megabytes, runs })}\n`);
}
