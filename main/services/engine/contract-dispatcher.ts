// Validates a call against the contract, runs its handler, validates the answer: the one path every front door uses.
import type { MethodId, ParsedRequestOf, ResponseOf } from '../../../contract/index.js';
import { MosaicError, isMethodId, methods, summarizeIssues } from '../../../contract/index.js';

/** Who is calling, so handlers and logs can tell the front doors apart. */
export interface CallContext {
  origin: 'ipc' | 'http' | 'cli' | 'internal';
  signal?: AbortSignal;
}

export type MethodHandlers = {
  [M in MethodId]: (request: ParsedRequestOf<M>, context: CallContext) => Promise<ResponseOf<M>>;
};

export class ContractDispatcher {
  constructor(private readonly handlers: MethodHandlers) {}

  /** Calls a method by id with an unvalidated request; throws MosaicError with a code on any failure. */
  async dispatch(method: string, rawRequest: unknown, context: CallContext): Promise<unknown> {
    if (!isMethodId(method)) throw new MosaicError('NOT_FOUND', `Unknown method "${method}".`);
    return this.call(method, rawRequest, context);
  }

  async call<M extends MethodId>(method: M, rawRequest: unknown, context: CallContext): Promise<ResponseOf<M>> {
    const spec = methods[method];
    const parsed = spec.request.safeParse(rawRequest ?? {});
    if (!parsed.success) {
      throw new MosaicError('BAD_REQUEST', `Invalid request for ${method}: ${summarizeIssues(parsed.error.issues)}`, {
        issues: parsed.error.issues,
      });
    }
    const handler = this.handlers[method] as (request: unknown, context: CallContext) => Promise<unknown>;
    const response = await handler(parsed.data, context);
    const checked = spec.response.safeParse(response);
    if (!checked.success) {
      throw new MosaicError(
        'INTERNAL',
        `The ${method} handler returned a response outside the contract: ${summarizeIssues(checked.error.issues)}`,
      );
    }
    return checked.data as ResponseOf<M>;
  }
}
