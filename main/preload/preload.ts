// Builds window.mosaic from the contract's allowlist: one invoke per contract method and the event feed, nothing more.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallEnvelope, EventEnvelope, MethodId, MosaicPreloadApi } from '../../contract/index.js';
import {
  dragOutChannel,
  ipcChannelOf,
  ipcEventChannel,
  isEventId,
  isMethodId,
  methodIds,
} from '../../contract/index.js';

const api: MosaicPreloadApi = {
  methods: Object.freeze([...methodIds]),
  invoke(method: MethodId, request: unknown): Promise<CallEnvelope<unknown>> {
    if (typeof method !== 'string' || !isMethodId(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'NOT_FOUND', message: `"${String(method)}" is not a contract method.` },
      });
    }
    return ipcRenderer.invoke(ipcChannelOf(method), request) as Promise<CallEnvelope<unknown>>;
  },
  onEvent(listener: (envelope: EventEnvelope) => void): () => void {
    const forward = (_event: IpcRendererEvent, envelope: EventEnvelope): void => {
      if (envelope && typeof envelope.event === 'string' && isEventId(envelope.event)) listener(envelope);
    };
    ipcRenderer.on(ipcEventChannel, forward);
    return () => ipcRenderer.removeListener(ipcEventChannel, forward);
  },
  startDrag(file: { name: string; base64: string }): void {
    ipcRenderer.send(dragOutChannel, { name: String(file?.name), base64: String(file?.base64) });
  },
};

contextBridge.exposeInMainWorld('mosaic', api);
