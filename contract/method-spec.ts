// How a contract method is declared: summary, request and response schemas, its HTTP verb, and how HTTP carries a file.
import type { z } from 'zod';

/** How a method is exposed over HTTP; the path is derived from the method id. */
export type HttpVerb = 'GET' | 'POST';

/**
 * How the HTTP API carries the file that the CLI and the desktop app name with a server path (`field`, declared with
 * `serverPathSchema`). The HTTP layer fills `field` with a file of its own in the data folder: for a download, the
 * method writes it and the response body is its bytes; for an upload, the request body is written to it first and the
 * method's other fields come as query parameters.
 */
export type HttpFileTransfer<Request = Record<string, unknown>> =
  | {
      direction: 'download';
      field: string;
      mediaType: string;
      /** The download's file name (Content-Disposition), from the validated request. */
      fileName(request: Request): string;
    }
  | { direction: 'upload'; field: string; mediaType: string };

export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** One sentence for the OpenAPI document and the CLI help. */
  summary: string;
  request: Req;
  response: Res;
  /** GET for reads whose request is empty or flat strings, POST for everything else. */
  http: HttpVerb;
  /** Over HTTP, the file this method reads or writes travels as the body instead of as a server path. */
  httpFile?: HttpFileTransfer<z.output<Req>>;
}

export function defineMethod<Req extends z.ZodType, Res extends z.ZodType>(
  spec: MethodSpec<Req, Res>,
): MethodSpec<Req, Res> {
  return spec;
}
