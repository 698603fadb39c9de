// Runs `mosaic serve --port 0` as a user would, in its own process, and reads the address and token it prints.
import { spawn } from 'node:child_process';
import { findPackageRoot } from '../../main/platform/paths.js';

export interface ServeProcess {
  url: string;
  token: string;
  /** host:port of the gRPC front door, when started with `--grpc-port`. */
  grpc: string | null;
  /** Stops the service (SIGINT, as Ctrl+C) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `mosaic serve` on a free loopback port with `env` over this process's (MOSAIC_HOME at least). */
export async function startMosaicServe(env: NodeJS.ProcessEnv, args: string[] = []): Promise<ServeProcess> {
  const wantsGrpc = args.includes('--grpc-port');
  const server = spawn(process.execPath, ['bin/mosaic.js', 'serve', '--port', '0', ...args], {
    cwd: findPackageRoot(),
    env: { ...process.env, MOSAIC_LOG_LEVEL: 'warn', MOSAIC_API_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, token, grpc } = await new Promise<{ url: string; token: string; grpc: string | null }>(
    (resolve, reject) => {
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open the Studio at (http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(output);
        const grpcMatch = /Open Inference Protocol over gRPC at (\S+)/.exec(output);
        if (match?.[1] && match[2] && (!wantsGrpc || grpcMatch?.[1])) {
          resolve({ url: match[1], token: match[2], grpc: grpcMatch?.[1] ?? null });
        }
      });
      server.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    },
  );
  return {
    url,
    token,
    grpc,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      await exited;
    },
  };
}
