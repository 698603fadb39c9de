// The capability table: every call the UI, the CLI and the HTTP API can make, declared once (one file per domain).
import type { z } from 'zod';
import type { MethodSpec } from './method-spec.js';
import { arrangeMethods } from './arrange-methods.js';
import { dungeonMethods } from './dungeon-methods.js';
import { historyMethods } from './history-methods.js';
import { inferenceMethods } from './inference-methods.js';
import { levelMethods } from './level-methods.js';
import { modelMethods } from './model-methods.js';
import { musicMethods } from './music-methods.js';
import { systemMethods } from './system-methods.js';
import { tasteMethods } from './taste-methods.js';

export const methods = {
  ...systemMethods,
  ...modelMethods,
  ...inferenceMethods,
  ...levelMethods,
  ...dungeonMethods,
  ...musicMethods,
  ...arrangeMethods,
  ...historyMethods,
  ...tasteMethods,
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
