// Runs tests/support/oip-grpc/oip_client.py: a Python gRPC client generated (at run time, into a temp folder) from
// Triton's reference grpc_service.proto, so what it says of our server owes nothing to our own service definition.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../../main/platform/paths.js';

const python = '/usr/bin/python3';
const script = join(findPackageRoot(), 'tests', 'support', 'oip-grpc', 'oip_client.py');

/** Whether Debian's python3-grpcio and python3-grpc-tools are installed (.ci/run installs them). */
export const hasPythonGrpc =
  existsSync(python) && spawnSync(python, ['-c', 'import grpc, grpc_tools.protoc']).status === 0;

export interface ReferenceCall {
  rpc: string;
  /** protobuf's JSON mapping: field names as in the proto, int64 as numbers or strings, bytes as base64. */
  request?: Record<string, unknown>;
  /** ModelStreamInfer only: the requests sent in order on one stream (answered as `response.responses`). */
  requests?: Record<string, unknown>[];
  /** Replaces the bearer-token metadata for this call (`[]`: none). */
  metadata?: [string, string][];
}

export type ReferenceResult =
  { ok: true; response: Record<string, unknown> } | { ok: false; code: string; details: string };

/** Makes the calls in order over one channel; one result per call. */
export async function callWithReferenceClient(
  address: string,
  token: string | null,
  calls: ReferenceCall[],
): Promise<ReferenceResult[]> {
  const child = spawn(python, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(JSON.stringify({ address, token, calls }));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`oip_client.py exited with ${code}: ${stderr}`);
  return JSON.parse(stdout) as ReferenceResult[];
}

/** Little-endian bytes of a typed array, base64 (raw_input_contents in protobuf's JSON mapping). */
export function rawBase64(values: ArrayBufferView): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** raw_output_contents from base64 back to numbers. */
export function fromRawBase64(base64: string, datatype: 'FP32' | 'INT64'): number[] {
  const bytes = Buffer.from(base64, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return datatype === 'FP32'
    ? Array.from(new Float32Array(copy.buffer))
    : Array.from(new BigInt64Array(copy.buffer), (value) => Number(value));
}
