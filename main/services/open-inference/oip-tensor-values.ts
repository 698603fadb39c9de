// Tensor values of the Open Inference Protocol as JSON numbers (what /v2 and gRPC's typed contents carry), checked
// against their datatype's range and converted to and from the inference host's typed arrays.
import type { TensorPayload } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { tensorTypeOf, type OipDatatype } from '../../../contract/open-inference.js';

const float32Max = 3.4028234663852886e38;
const integerRange: Partial<Record<OipDatatype, [number, number]>> = {
  UINT8: [0, 255],
  INT8: [-128, 127],
  INT32: [-(2 ** 31), 2 ** 31 - 1],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function badRequest(message: string): MosaicError {
  return new MosaicError('BAD_REQUEST', message);
}

export function toPayload(
  name: string,
  datatype: OipDatatype,
  shape: number[],
  data: (number | boolean)[],
): TensorPayload {
  const count = shape.reduce((product, dim) => product * dim, 1);
  if (data.length !== count) {
    throw badRequest(
      `Input "${name}" has ${data.length} values but shape [${shape.join(', ')}] needs ${count} (data is flat, row-major).`,
    );
  }
  const type = tensorTypeOf[datatype];
  const dims = [...shape];
  if (datatype === 'BOOL') {
    const values = new Uint8Array(count);
    data.forEach((value, index) => {
      if (typeof value !== 'boolean') throw badRequest(`Input "${name}" is BOOL: its data must be true or false.`);
      values[index] = value ? 1 : 0;
    });
    return { type, dims, data: values };
  }
  const numbers = data.map((value) => {
    if (typeof value !== 'number') throw badRequest(`Input "${name}" is ${datatype}: its data must be numbers.`);
    return value;
  });
  if (datatype === 'FP32' || datatype === 'FP16') {
    const limit = datatype === 'FP32' ? float32Max : 65504;
    if (numbers.some((value) => Math.abs(value) > limit)) {
      throw badRequest(`Input "${name}" has a value beyond the range of ${datatype}.`);
    }
    return { type, dims, data: datatype === 'FP32' ? Float32Array.from(numbers) : Uint16Array.from(numbers, toHalf) };
  }
  const [min, max] = integerRange[datatype] as [number, number];
  if (numbers.some((value) => !Number.isInteger(value) || value < min || value > max)) {
    throw badRequest(`Input "${name}" is ${datatype}: its data must be whole numbers from ${min} to ${max}.`);
  }
  switch (datatype) {
    case 'INT64':
      return { type, dims, data: BigInt64Array.from(numbers, (value) => BigInt(value)) };
    case 'INT32':
      return { type, dims, data: Int32Array.from(numbers) };
    case 'INT8':
      return { type, dims, data: Int8Array.from(numbers) };
    default:
      return { type, dims, data: Uint8Array.from(numbers) };
  }
}

/** A tensor's values as JSON numbers (booleans for BOOL; FP16 words decoded; INT64 as numbers). */
export function valuesOf(payload: TensorPayload): (number | boolean)[] {
  if (payload.type === 'bool') return Array.from(payload.data as Uint8Array, (value) => value !== 0);
  if (payload.type === 'float16') return Array.from(payload.data as Uint16Array, fromHalf);
  if (payload.type === 'int64') return Array.from(payload.data as BigInt64Array, (value) => Number(value));
  return Array.from(payload.data as ArrayLike<number>);
}

/** IEEE 754 binary16 bits of a number (round to nearest even). */
export function toHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    let half = mantissa >> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}

export function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}
