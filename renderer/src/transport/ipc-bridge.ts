// The UI's client inside Electron: calls go through window.mosaic (the preload's allowlisted bridge).
import type { EventEnvelope, MosaicBridge, MosaicPreloadApi } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';

export function createIpcBridge(preload: MosaicPreloadApi): MosaicBridge {
  return {
    async call(method, request) {
      const envelope = await preload.invoke(method, request);
      if (!envelope.ok) throw MosaicError.from(envelope.error);
      return envelope.value as never;
    },
    on(event, listener) {
      return preload.onEvent((envelope: EventEnvelope) => {
        if (envelope.event === event) listener(envelope.payload as never);
      });
    },
  };
}
