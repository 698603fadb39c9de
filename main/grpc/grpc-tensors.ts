// Tensors of the Open Inference Protocol's gRPC messages: typed `contents` (one repeated field per datatype family)
// or little-endian bytes in raw_input_contents / raw_output_contents, to and from the inference host's TensorPayload.
import { endianness } from 'node:os';
import type { TensorPayload } from '../../contract/index.js';
import { MosaicError } from '../../contract/index.js';
import { tensorTypeOf, type OipDatatype, oipDatatypes } from '../../contract/open-inference.js';
import { toPayload, valuesOf } from '../services/open-inference/oip-tensor-values.js';

/** InferTensorContents as proto-loader gives and takes it (keepCase, int64 as numbers). */
export interface InferTensorContents {
  bool_contents?: boolean[];
  int_contents?: number[];
  int64_contents?: number[];
  uint_contents?: number[];
  uint64_contents?: number[];
  fp32_contents?: number[];
  fp64_contents?: number[];
  bytes_contents?: Buffer[];
}

export type ContentsField = keyof InferTensorContents;

/** Where each datatype's values go in InferTensorContents; FP16 has no typed field in the protocol (raw only). */
export const contentsFieldOf: Record<OipDatatype, ContentsField | null> = {
  BOOL: 'bool_contents',
  UINT8: 'uint_contents',
  INT8: 'int_contents',
  INT32: 'int_contents',
  INT64: 'int64_contents',
  FP16: null,
  FP32: 'fp32_contents',
};

const bytesPerElement: Record<OipDatatype, number> = {
  BOOL: 1,
  UINT8: 1,
  INT8: 1,
  INT32: 4,
  INT64: 8,
  FP16: 2,
  FP32: 4,
};

/** The protocol's raw tensors are little-endian; typed arrays use the host's order, little-endian on every platform the app ships for. */
const littleEndianHost = endianness() === 'LE';

function isDatatype(value: string): value is OipDatatype {
  return (oipDatatypes as readonly string[]).includes(value);
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** A typed input's values, checked as /v2 checks JSON data (count, range, whole numbers). */
export function payloadFromContents(
  name: string,
  datatype: string,
  shape: number[],
  contents: InferTensorContents | undefined,
): TensorPayload {
  if (!isDatatype(datatype)) throw new MosaicError('BAD_REQUEST', `Input "${name}" has datatype ${datatype}.`);
  const field = contentsFieldOf[datatype];
  if (field === null) {
    throw new MosaicError(
      'BAD_REQUEST',
      `Input "${name}" is ${datatype}, which has no typed contents in the protocol: send it in raw_input_contents.`,
    );
  }
  const given = Object.entries(contents ?? {}).filter(
    ([key, values]) => key.endsWith('_contents') && Array.isArray(values) && values.length > 0,
  );
  const wrong = given.find(([key]) => key !== field);
  if (wrong) {
    throw new MosaicError('BAD_REQUEST', `Input "${name}" is ${datatype}: its values go in ${field}, not ${wrong[0]}.`);
  }
  const values = (contents?.[field] ?? []) as (number | boolean)[];
  return toPayload(name, datatype, shape, values);
}

/** A raw input: exactly count × element size bytes, little-endian, as a typed array (a view when aligned). */
export function payloadFromRaw(name: string, datatype: string, shape: number[], bytes: Uint8Array): TensorPayload {
  if (!isDatatype(datatype)) throw new MosaicError('BAD_REQUEST', `Input "${name}" has datatype ${datatype}.`);
  if (!littleEndianHost) throw new MosaicError('INTERNAL', 'Raw tensors need a little-endian host.');
  const count = elementCount(shape);
  const size = bytesPerElement[datatype];
  if (bytes.byteLength !== count * size) {
    throw new MosaicError(
      'BAD_REQUEST',
      `Input "${name}" has ${bytes.byteLength} raw bytes but shape [${shape.join(', ')}] of ${datatype} needs ` +
        `${count * size} (${count} × ${size}, little-endian, row-major).`,
    );
  }
  // A view when the bytes are aligned for the type (no copy of a cache-sized input); else an aligned copy.
  const aligned = bytes.byteOffset % size === 0;
  const copy = aligned ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Uint8Array.from(bytes);
  const type = tensorTypeOf[datatype];
  const view = <T>(TypedArray: new (buffer: ArrayBufferLike, offset: number, length: number) => T): T =>
    new TypedArray(copy.buffer, copy.byteOffset, count);
  const dims = [...shape];
  switch (datatype) {
    case 'BOOL':
      return { type, dims, data: copy.map((value) => (value === 0 ? 0 : 1)) };
    case 'UINT8':
      return { type, dims, data: copy };
    case 'INT8':
      return { type, dims, data: view(Int8Array) };
    case 'INT32':
      return { type, dims, data: view(Int32Array) };
    case 'INT64':
      return { type, dims, data: view(BigInt64Array) };
    case 'FP16':
      return { type, dims, data: view(Uint16Array) };
    case 'FP32':
      return { type, dims, data: view(Float32Array) };
  }
}

/** An output's values in its typed field (FP16 has none: answer it raw). */
export function contentsOf(datatype: OipDatatype, payload: TensorPayload): InferTensorContents {
  const field = contentsFieldOf[datatype];
  if (field === null) throw new MosaicError('INTERNAL', `${datatype} outputs travel raw only.`);
  if (datatype === 'INT64') return { int64_contents: valuesOf(payload) as number[] };
  if (datatype === 'BOOL') return { bool_contents: valuesOf(payload) as boolean[] };
  return { [field]: Array.from(payload.data as ArrayLike<number>) };
}

/** A tensor's bytes as the protocol's raw contents (a view: no copy). */
export function rawOf(payload: TensorPayload): Buffer {
  const data = payload.data;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
