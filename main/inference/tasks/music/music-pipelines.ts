// The music task pipelines (melody and drums share one package reader; arrange reads its own spec): what
// task-registry.ts registers.
import type { TablePipeline } from '../task-pipeline.js';
import { ArrangePipeline } from './arrange/arrange-pipeline.js';
import { DrumsPipeline } from './drums-pipeline.js';
import { MelodyPipeline } from './melody-pipeline.js';
import { MusicPackages } from './music-packages.js';

export function createMusicPipelines(packages = new MusicPackages()): TablePipeline[] {
  return [new MelodyPipeline(packages), new DrumsPipeline(packages), new ArrangePipeline()];
}
