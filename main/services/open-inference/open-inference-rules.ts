// Checks on an Open Inference Protocol request beyond its schema: Triton's binary tensor data extension, which this
// server does not implement, is refused rather than ignored; and a decoder's cache position must lie in its cache.
import { MosaicError } from '../../../contract/index.js';
import type { OipInferRequest } from '../../../contract/open-inference.js';

/** The parameters of Triton's binary tensor data extension, where each may appear. */
const binaryParameters = {
  request: ['binary_data_output'],
  input: ['binary_data_size', 'binary_data'],
  output: ['binary_data'],
} as const;

export const binaryExtensionRefusal =
  'Triton\'s binary tensor data extension is not supported here: send every tensor as JSON in "data" ' +
  '(and ask for outputs without binary_data).';

/**
 * Refuses a request that asks for binary tensor data anywhere: `binary_data_size` on an input (its data would follow
 * the JSON), or `binary_data` / `binary_data_output` set to anything but false (outputs would be binary).
 */
export function refuseBinaryData(request: OipInferRequest): void {
  const asks = (parameters: Record<string, unknown> | undefined, names: readonly string[]): string | undefined =>
    names.find((name) => parameters?.[name] !== undefined && parameters[name] !== false);
  const found =
    asks(request.parameters, binaryParameters.request) ??
    request.inputs.map((input) => asks(input.parameters, binaryParameters.input)).find(Boolean) ??
    request.outputs?.map((output) => asks(output.parameters, binaryParameters.output)).find(Boolean);
  if (found) throw new MosaicError('BAD_REQUEST', `"${found}" asks for binary data. ${binaryExtensionRefusal}`);
}

/**
 * A mosaic-kv decoder (inputs `input_ids` and `past_length`) reads the first `past_length` positions of its cache
 * inputs (`past_key_<i>` [batch, heads, capacity, head size], or `kv_cache` [layers, 2, batch, heads, capacity, head
 * size]); the graph clamps anything outside, so a negative or too large value would silently answer nonsense.
 * `pastLengthValues` reads the values of `past_length` (only called when the request has it).
 */
export function checkPastLength(
  inputs: readonly { name: string; shape: readonly number[] }[],
  pastLengthValues: () => readonly unknown[],
): void {
  const byName = new Map(inputs.map((input) => [input.name, input]));
  if (!byName.has('past_length') || !byName.has('input_ids')) return;
  const cache = byName.get('past_key_0') ?? byName.get('kv_cache');
  const capacity = cache ? cache.shape[cache.name === 'kv_cache' ? 4 : 2] : undefined;
  for (const value of pastLengthValues()) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new MosaicError(
        'BAD_REQUEST',
        `Input "past_length" is ${String(value)}: it counts the cache positions already filled, a whole number from 0.`,
      );
    }
    if (capacity !== undefined && value > capacity) {
      throw new MosaicError(
        'BAD_REQUEST',
        `Input "past_length" is ${value}, but ${cache?.name} holds ${capacity} positions: it can be at most ${capacity}.`,
      );
    }
  }
}
