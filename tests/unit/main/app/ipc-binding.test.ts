import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import type { CallEnvelope, EventEnvelope } from '../../../../contract/index.js';
import { ipcChannelOf, ipcEventChannel, methodIds } from '../../../../contract/index.js';
import { bindIpc, isAppFrame, type IpcMainLike } from '../../../../main/app/ipc-binding.js';
import { ContractDispatcher } from '../../../../main/services/engine/contract-dispatcher.js';
import { EventBus } from '../../../../main/services/engine/event-bus.js';
import { sampleHandlers, sampleInfo } from '../../../support/sample-handlers.js';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, trusted: boolean, request: unknown): Promise<CallEnvelope<unknown>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ trusted } as unknown as IpcMainInvokeEvent, request) as Promise<CallEnvelope<unknown>>;
  }
}

function setUp() {
  const ipcMain = new FakeIpcMain();
  const events = new EventBus();
  const pushed: EventEnvelope[] = [];
  const unbind = bindIpc({
    ipcMain,
    dispatcher: new ContractDispatcher(sampleHandlers()),
    events,
    isTrustedSender: (event) => (event as unknown as { trusted: boolean }).trusted,
    targets: () => [
      { isDestroyed: () => false, send: (channel, envelope) => channel === ipcEventChannel && pushed.push(envelope) },
    ],
  });
  return { ipcMain, events, pushed, unbind };
}

describe('bindIpc', () => {
  it('registers one handler per contract method', () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodIds.map(ipcChannelOf).sort());
  });

  it('answers a trusted sender through the dispatcher', async () => {
    const { ipcMain } = setUp();
    expect(await ipcMain.invoke(ipcChannelOf('system.info'), true, {})).toEqual({ ok: true, value: sampleInfo });
  });

  it('refuses an untrusted sender without calling the service', async () => {
    const { ipcMain } = setUp();
    const envelope = await ipcMain.invoke(ipcChannelOf('system.info'), false, {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('returns validation failures as coded errors', async () => {
    const { ipcMain } = setUp();
    const envelope = await ipcMain.invoke(ipcChannelOf('inference.probe'), true, { input: [['a']] });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('pushes events to windows and unbinds cleanly', () => {
    const { ipcMain, events, pushed, unbind } = setUp();
    events.emit('inference.didChangeState', sampleInfo.inference);
    expect(pushed).toEqual([{ event: 'inference.didChangeState', payload: sampleInfo.inference }]);
    unbind();
    events.emit('inference.didChangeState', sampleInfo.inference);
    expect(pushed).toHaveLength(1);
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('isAppFrame', () => {
  const index = 'file:///opt/mosaic/out/renderer/index.html';
  it('trusts only the main frame showing the app file', () => {
    expect(isAppFrame(index, true, index)).toBe(true);
    expect(isAppFrame(`${index}#/models`, true, index)).toBe(true);
    expect(isAppFrame(index, false, index)).toBe(false);
    expect(isAppFrame('https://evil.example/', true, index)).toBe(false);
    expect(isAppFrame('file:///tmp/index.html', true, index)).toBe(false);
    expect(isAppFrame(undefined, true, index)).toBe(false);
  });
});
