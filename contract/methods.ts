// The capability table: every call the UI, the CLI and the HTTP API can make, declared once.
import { z } from 'zod';
import { doctorReportSchema, probeRequestSchema, probeResultSchema, systemInfoSchema } from './system.js';

/** How a method is exposed over HTTP; the path is derived from the method id. */
export type HttpVerb = 'GET' | 'POST';

export interface MethodSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** One sentence for the OpenAPI document and the CLI help. */
  summary: string;
  request: Req;
  response: Res;
  /** GET for reads without a body, POST for everything else. */
  http: HttpVerb;
}

function defineMethod<Req extends z.ZodType, Res extends z.ZodType>(spec: MethodSpec<Req, Res>): MethodSpec<Req, Res> {
  return spec;
}

const empty = z.object({}).strict();

export const methods = {
  'system.info': defineMethod({
    summary: 'Versions, data folder, and the inference host with its execution provider.',
    request: empty,
    response: systemInfoSchema,
    http: 'GET',
  }),
  'system.doctor': defineMethod({
    summary: 'Everything in system.info plus installed models and health checks.',
    request: empty,
    response: doctorReportSchema,
    http: 'GET',
  }),
  'inference.probe': defineMethod({
    summary: 'Runs the bundled probe graph in the inference host: a round trip through every layer.',
    request: probeRequestSchema,
    response: probeResultSchema,
    http: 'POST',
  }),
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodId = keyof Methods;
/** What a caller sends (defaults not yet applied). */
export type RequestOf<M extends MethodId> = z.input<Methods[M]['request']>;
/** What a handler receives after validation (defaults applied). */
export type ParsedRequestOf<M extends MethodId> = z.output<Methods[M]['request']>;
export type ResponseOf<M extends MethodId> = z.output<Methods[M]['response']>;

export const methodIds = Object.keys(methods) as MethodId[];

export function isMethodId(value: string): value is MethodId {
  return Object.hasOwn(methods, value);
}

/** `system.info` → `/v1/system/info`; `models.installFromCatalog` → `/v1/models/install-from-catalog`. */
export function httpPathOf(method: MethodId): string {
  const kebab = method.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return `/v1/${kebab.replace('.', '/')}`;
}

/** `system.info` → `mosaic:system.info`: the IPC channel a method travels on. */
export function ipcChannelOf(method: MethodId): string {
  return `mosaic:${method}`;
}
