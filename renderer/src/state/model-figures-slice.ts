// The live figures of the inference host's loaded models (inference.sessions, inference.metrics), and loading a model
// into memory or unloading it from the Models workspace.
import type { StateCreator } from 'zustand';
import type { MosaicBridge, ResponseOf } from '../../../contract/index.js';
import { modelRef } from '../../../contract/index.js';
import { libraryAction } from './models-slice.js';
import type { StudioState } from './studio-store.js';

export type ModelSessions = ResponseOf<'inference.sessions'>;
export type ModelMetrics = ResponseOf<'inference.metrics'>;

export interface ModelFiguresSlice {
  modelSessions: ModelSessions | null;
  modelMetrics: ModelMetrics | null;
  loadModelFigures: () => Promise<void>;
  loadModelIntoMemory: (name: string, version: string) => Promise<void>;
  unloadModel: (name: string) => Promise<void>;
}

export function createModelFiguresSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], ModelFiguresSlice> {
  return (set, get) => {
    const act = libraryAction(set, get);
    return {
      modelSessions: null,
      modelMetrics: null,
      loadModelFigures: async () => {
        try {
          const [modelSessions, modelMetrics] = await Promise.all([
            bridge.call('inference.sessions', {}),
            bridge.call('inference.metrics', {}),
          ]);
          set({ modelSessions, modelMetrics });
        } catch {
          // The figures are a live view; the host restarting for a moment is not an error to show.
        }
      },
      loadModelIntoMemory: async (name, version) => {
        await act('load', async () => {
          const session = await bridge.call('inference.load', { model: { name, version } });
          await get().loadModelFigures();
          return `Loaded ${modelRef(name, version)} on ${session.executionProvider}.`;
        });
      },
      unloadModel: async (name) => {
        await act('load', async () => {
          await bridge.call('inference.unload', { model: { name } });
          await get().loadModelFigures();
          return `Unloaded ${name}.`;
        });
      },
    };
  };
}
