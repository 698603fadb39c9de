// The music task pipelines, built around one shared package reader: what task-registry.ts registers.
import type { TablePipeline } from '../task-pipeline.js';
import { DrumsPipeline } from './drums-pipeline.js';
import { MelodyPipeline } from './melody-pipeline.js';
import { MusicPackages } from './music-packages.js';

export function createMusicPipelines(packages = new MusicPackages()): TablePipeline[] {
  return [new MelodyPipeline(packages), new DrumsPipeline(packages)];
}
