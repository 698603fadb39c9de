// The contract's public surface: import from here, not from its files.
export * from './errors.js';
export * from './system.js';
export * from './method-spec.js';
export * from './methods.js';
export * from './model-manifest.js';
export * from './model-catalog.js';
export * from './model-library.js';
export type { ModelMethodId } from './model-methods.js';
export * from './events.js';
export * from './bridge.js';
export * from './generation.js';
export * from './jobs.js';
export * from './inference-methods.js';
export * from './levels.js';
export * from './level-methods.js';
export * from './music.js';
export * from './music-methods.js';
export * from './inference-host.js';
