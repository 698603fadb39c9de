// Converts between the contract's TensorPayload (structured-clone friendly) and onnxruntime tensors.
import * as ort from 'onnxruntime-node';
import type { TensorData, TensorPayload, TensorType } from '../../contract/index.js';
import { MosaicError } from '../../contract/index.js';

const expectedArray: Record<TensorType, string> = {
  float32: 'Float32Array',
  float16: 'Uint16Array',
  int64: 'BigInt64Array',
  int32: 'Int32Array',
  int8: 'Int8Array',
  uint8: 'Uint8Array',
  bool: 'Uint8Array',
};

export function toOrtTensor(name: string, payload: TensorPayload): ort.Tensor {
  const elements = payload.dims.reduce((product, dim) => product * dim, 1);
  const arrayName = payload.data.constructor.name;
  if (arrayName !== expectedArray[payload.type]) {
    throw new MosaicError('BAD_REQUEST', `Input "${name}" is ${payload.type} but its data is a ${arrayName}.`);
  }
  if (payload.data.length !== elements) {
    throw new MosaicError(
      'BAD_REQUEST',
      `Input "${name}" has ${payload.data.length} values but shape [${payload.dims.join(', ')}] needs ${elements}.`,
    );
  }
  return new ort.Tensor(payload.type, payload.data as never, payload.dims);
}

export function fromOrtTensor(tensor: ort.Tensor): TensorPayload {
  const type = tensor.type as TensorType;
  if (!(type in expectedArray)) {
    throw new MosaicError('INFERENCE_FAILED', `Output type ${tensor.type} is not supported by the contract.`);
  }
  return { type, dims: [...tensor.dims], data: tensor.data as TensorData };
}
