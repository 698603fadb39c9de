// Runs the PyTorch eager baseline (torch_eager_bench.py) when Debian's python3 has torch; otherwise says why not.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TorchConfig {
  vocab_size: number;
  d_model: number;
  n_layers: number;
  n_heads: number;
  /** Key/value heads when fewer than n_heads (grouped-query attention). */
  n_kv_heads?: number;
  d_ff: number;
  max_positions: number;
}

const python = '/usr/bin/python3';
const script = fileURLToPath(new URL('./torch_eager_bench.py', import.meta.url));

/** Which model the baseline rebuilds: explicit fields, or an exported graph (architecture read from its initializers). */
export type TorchModel = { config: TorchConfig } | { onnx: string; heads: number };

export type TorchResult = { tokensPerSecond: number } | { unavailable: string };

/** Tokens per second of PyTorch eager decoding the same architecture, or why it could not run. */
export function runTorchEager(model: TorchModel, tokens: number): Promise<TorchResult> {
  if (!existsSync(python)) return Promise.resolve({ unavailable: `no ${python}` });
  const source =
    'config' in model
      ? ['--config', JSON.stringify(model.config)]
      : ['--onnx', model.onnx, '--heads', String(model.heads)];
  return new Promise((resolve) => {
    execFile(
      python,
      [script, ...source, '--tokens', String(tokens), '--threads', '1'],
      { timeout: 300_000 },
      (error, stdout, stderr) => {
        if (error) {
          const lastLine = stderr.trim().split('\n').at(-1) ?? error.message;
          resolve({
            unavailable: /No module named 'torch'/.test(stderr) ? 'torch not installed' : `failed: ${lastLine}`,
          });
          return;
        }
        try {
          resolve(JSON.parse(stdout) as { tokensPerSecond: number });
        } catch {
          resolve({ unavailable: 'unreadable output' });
        }
      },
    );
  });
}
