// Runs the PyTorch eager baseline (torch_eager_bench.py) when Debian's python3 has torch; otherwise says why not.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const python = '/usr/bin/python3';
const script = fileURLToPath(new URL('./torch_eager_bench.py', import.meta.url));

/**
 * The exported fp32 graph whose architecture the baseline rebuilds: sizes from its initializers, head counts from the
 * n_heads / n_kv_heads metadata every mosaic export carries.
 */
export interface TorchModel {
  onnx: string;
}

export type TorchResult = { tokensPerSecond: number } | { unavailable: string };

/** Tokens per second of PyTorch eager decoding the same architecture, or why it could not run. */
export function runTorchEager(model: TorchModel, tokens: number): Promise<TorchResult> {
  if (!existsSync(python)) return Promise.resolve({ unavailable: `no ${python}` });
  return new Promise((resolve) => {
    execFile(
      python,
      [script, '--onnx', model.onnx, '--tokens', String(tokens), '--threads', '1'],
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
