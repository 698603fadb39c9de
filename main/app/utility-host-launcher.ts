// Runs the inference host as an Electron utilityProcess (a Node process Chromium supervises, with MessagePort IPC).
import { utilityProcess } from 'electron';
import type { HostProcess, HostProcessExit, HostProcessLauncher } from '../platform/host-process.js';

export class UtilityHostLauncher implements HostProcessLauncher {
  readonly kind = 'electron.utilityProcess';

  launch(entry: string, env: NodeJS.ProcessEnv): HostProcess {
    const child = utilityProcess.fork(entry, [], { env, serviceName: 'Mosaic inference host', stdio: 'inherit' });
    let exited = false;
    const exitListeners: ((exit: HostProcessExit) => void)[] = [];
    child.on('exit', (code) => {
      exited = true;
      for (const listener of exitListeners) listener({ code, signal: null });
    });
    return {
      get pid() {
        return exited ? null : (child.pid ?? null);
      },
      send: (message) => {
        if (!exited) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => exitListeners.push(listener),
      kill: () => {
        if (!exited) child.kill();
      },
    };
  }
}
