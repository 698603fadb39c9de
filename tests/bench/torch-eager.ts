// Runs the PyTorch eager baseline (torch_eager_bench.py) when Debian's python3 has torch; otherwise says why not.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TorchConfig {
  vocab_size: number;
  d_model: number;
  n_layers: number;
  n_heads: number;
  d_ff: number;
  max_positions: number;
}

const python = '/usr/bin/python3';
const script = fileURLToPath(new URL('./torch_eager_bench.py', import.meta.url));

export function runTorchEager(config: TorchConfig, tokens: number): Promise<{ tokensPerSecond: number } | null> {
  if (!existsSync(python)) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile(
      python,
      [script, '--config', JSON.stringify(config), '--tokens', String(tokens), '--threads', '1'],
      { timeout: 300_000 },
      (error, stdout) => {
        if (error) {
          resolve(null);
          return;
        }
        try {
          resolve(JSON.parse(stdout) as { tokensPerSecond: number });
        } catch {
          resolve(null);
        }
      },
    );
  });
}
