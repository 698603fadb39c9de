// Checks on an Open Inference Protocol request beyond its schema: Triton's binary tensor data extension, which this
// server does not implement, is refused rather than ignored; each input's shape against the manifest; a decoder's
// cache position must lie in its cache; and the sequence parameters with which a server holds a decoder's cache.
import type { ModelDetail } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { isCacheInput, type OipInferRequest } from '../../../contract/open-inference.js';

type TensorSignature = ModelDetail['manifest']['inputs'][number];

/** A decoder step on the cache the server holds for sequence `id` (the host's `run` sequence). */
export interface HeldSequence {
  id: string;
  start: boolean;
  end: boolean;
  maxPositions: number;
}

function badRequest(message: string): MosaicError {
  return new MosaicError('BAD_REQUEST', message);
}

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

/** Rank and fixed dimensions as the manifest declares; one value per symbolic name across all inputs. */
export function checkShape(
  name: string,
  shape: number[],
  signature: TensorSignature,
  symbols: Map<string, number>,
): void {
  const declared = `[${signature.shape.join(', ')}]`;
  if (shape.length !== signature.shape.length) {
    throw badRequest(`Input "${name}" has shape [${shape.join(', ')}]; the model expects ${declared}.`);
  }
  signature.shape.forEach((dim, axis) => {
    const given = shape[axis] as number;
    if (typeof dim === 'number') {
      if (given !== dim)
        throw badRequest(`Input "${name}" has ${given} at axis ${axis}; the model expects ${declared}.`);
      return;
    }
    const seen = symbols.get(dim);
    if (seen !== undefined && seen !== given) {
      throw badRequest(
        `Input "${name}" has ${dim} = ${given} at axis ${axis}, but another input has ${dim} = ${seen}.`,
      );
    }
    symbols.set(dim, given);
  });
}

/** Sequence parameters as Triton's sequence batcher reads them: sequence_id 0 or "" is no sequence. */
export function sequenceOf(
  parameters: Record<string, string | number | boolean> | undefined,
  name: string,
  manifest: ModelDetail['manifest'],
): HeldSequence | undefined {
  const id = parameters?.sequence_id;
  const start = parameters?.sequence_start;
  const end = parameters?.sequence_end;
  for (const [key, value] of [
    ['sequence_start', start],
    ['sequence_end', end],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') throw badRequest(`Parameter ${key} must be true or false.`);
  }
  if (id === undefined || id === 0 || id === '') {
    if (start === true || end === true) throw badRequest('sequence_start and sequence_end need a sequence_id.');
    return undefined;
  }
  if (typeof id === 'boolean' || (typeof id === 'number' && (!Number.isSafeInteger(id) || id < 0))) {
    throw badRequest('Parameter sequence_id must be a string or a whole number from 1.');
  }
  const inputs = new Set(manifest.inputs.map((input) => input.name));
  const decoder = inputs.has('input_ids') && inputs.has('past_length') && [...inputs].some(isCacheInput);
  if (!decoder || !manifest.maxPositions) {
    throw badRequest(
      `${name} is not a decoder with a KV cache (inputs input_ids, past_length and the cache, and maxPositions in its ` +
        'manifest): it takes no sequence_id.',
    );
  }
  return { id: String(id), start: start === true, end: end === true, maxPositions: manifest.maxPositions };
}
