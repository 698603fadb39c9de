// How a contract method is declared: summary, request and response schemas, and its HTTP verb.
import type { z } from 'zod';

/** How a method is exposed over HTTP; the path is derived from the method id. */
export type HttpVerb = 'GET' | 'POST';

export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** One sentence for the OpenAPI document and the CLI help. */
  summary: string;
  request: Req;
  response: Res;
  /** GET for reads whose request is empty or flat strings, POST for everything else. */
  http: HttpVerb;
}

export function defineMethod<Req extends z.ZodType, Res extends z.ZodType>(
  spec: MethodSpec<Req, Res>,
): MethodSpec<Req, Res> {
  return spec;
}
