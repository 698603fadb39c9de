// What main reports about itself (loaded once, then kept current by inference.didChangeState) and the self-test.
import type { StateCreator } from 'zustand';
import type {
  DoctorReport,
  ErrorPayload,
  InferenceHostStatus,
  MosaicBridge,
  ProbeResult,
  SystemInfo,
} from '../../../contract/index.js';
import { toErrorPayload } from '../../../contract/index.js';
import type { StudioState } from './studio-store.js';

/*
 * Self-test states:  idle ──run──▶ running ──answer──▶ passed | failed ──run──▶ running
 */
export type SelfTest =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'passed'; result: ProbeResult }
  | { state: 'failed'; error: ErrorPayload };

export interface SystemSlice {
  system: SystemInfo | null;
  systemError: ErrorPayload | null;
  doctor: DoctorReport | null;
  selfTest: SelfTest;
  loadSystem: () => Promise<void>;
  loadDoctor: () => Promise<void>;
  applyHostStatus: (status: InferenceHostStatus) => void;
  runSelfTest: () => Promise<void>;
}

export function createSystemSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], SystemSlice> {
  return (set, get) => ({
    system: null,
    systemError: null,
    doctor: null,
    selfTest: { state: 'idle' },
    loadSystem: async () => {
      try {
        set({ system: await bridge.call('system.info', {}), systemError: null });
      } catch (error) {
        set({ systemError: toErrorPayload(error) });
      }
    },
    loadDoctor: async () => {
      try {
        const doctor = await bridge.call('system.doctor', {});
        set({ doctor, system: doctor, systemError: null });
      } catch (error) {
        set({ systemError: toErrorPayload(error) });
      }
    },
    applyHostStatus: (status) => {
      const system = get().system;
      if (system) set({ system: { ...system, inference: status } });
    },
    runSelfTest: async () => {
      set({ selfTest: { state: 'running' } });
      try {
        const result = await bridge.call('inference.probe', { input: [[1, 2, 3, 4]] });
        set({ selfTest: { state: 'passed', result } });
      } catch (error) {
        set({ selfTest: { state: 'failed', error: toErrorPayload(error) } });
      }
    },
  });
}
