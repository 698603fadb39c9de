// The probe graph's known weights (probe.json beside probe.onnx), so its answers can be checked exactly.
import { readFileSync } from 'node:fs';

export interface ProbeReference {
  input: number[][];
  output: number[][];
  /** y = relu(x W + b), computed here in plain JavaScript. */
  compute(rows: number[][]): number[][];
}

export function readProbeReference(probeModel: string): ProbeReference {
  const { W, b, input, output } = JSON.parse(readFileSync(probeModel.replace(/\.onnx$/, '.json'), 'utf8')) as {
    W: number[][];
    b: number[];
    input: number[][];
    output: number[][];
  };
  const compute = (rows: number[][]): number[][] =>
    rows.map((row) =>
      b.map((bias, column) =>
        Math.max(
          0,
          row.reduce((sum, value, k) => sum + value * W[k]![column]!, bias),
        ),
      ),
    );
  return { input, output, compute };
}
