// Binds every contract method to an IPC handler that checks its sender and validates through the dispatcher.
import type { IpcMainInvokeEvent } from 'electron';
import type { CallEnvelope, EventEnvelope } from '../../contract/index.js';
import { ipcChannelOf, ipcEventChannel, methodIds, toErrorPayload } from '../../contract/index.js';
import type { ContractDispatcher } from '../services/engine/contract-dispatcher.js';
import type { EventBus } from '../services/engine/event-bus.js';

/** The part of Electron's ipcMain this binding uses (so tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Something that can receive pushed events (a BrowserWindow's webContents). */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, envelope: EventEnvelope): void;
}

export interface IpcBindingOptions {
  ipcMain: IpcMainLike;
  dispatcher: ContractDispatcher;
  events: EventBus;
  /** True only for the app's own top-level frame. */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** The windows that receive events. */
  targets: () => EventTarget[];
}

export function bindIpc(options: IpcBindingOptions): () => void {
  for (const method of methodIds) {
    options.ipcMain.handle(ipcChannelOf(method), async (event, request): Promise<CallEnvelope<unknown>> => {
      if (!options.isTrustedSender(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This frame may not call Mosaic Studio.' } };
      }
      try {
        return { ok: true, value: await options.dispatcher.call(method, request, { origin: 'ipc' }) };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      }
    });
  }
  const unsubscribe = options.events.subscribe((envelope) => {
    for (const target of options.targets()) if (!target.isDestroyed()) target.send(ipcEventChannel, envelope);
  });
  return () => {
    unsubscribe();
    for (const method of methodIds) options.ipcMain.removeHandler(ipcChannelOf(method));
  };
}

/** A sender is trusted when it is a main frame showing the app's own renderer file. */
export function isAppFrame(frameUrl: string | undefined, isMainFrame: boolean, rendererIndexUrl: string): boolean {
  if (!frameUrl || !isMainFrame) return false;
  const withoutHash = frameUrl.split('#')[0]?.split('?')[0];
  return withoutHash === rendererIndexUrl;
}
