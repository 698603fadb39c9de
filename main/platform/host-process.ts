// The seam between the InferenceHostSupervisor and the OS process the inference host runs in (fork here, utilityProcess in
// Electron).
import { fork } from 'node:child_process';

export interface HostProcessExit {
  code: number | null;
  signal: string | null;
}

/** A running child process that exchanges structured-clone messages with main. */
export interface HostProcess {
  readonly pid: number | null;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: HostProcessExit) => void): void;
  kill(): void;
}

export interface HostProcessLauncher {
  /** Which mechanism this is, for logs and `mosaic doctor`. */
  readonly kind: string;
  launch(entry: string, env: NodeJS.ProcessEnv): HostProcess;
}

/** child_process.fork with the structured-clone serializer, so typed arrays (tensors) cross intact. */
export class ForkedHostLauncher implements HostProcessLauncher {
  readonly kind = 'child_process.fork';

  launch(entry: string, env: NodeJS.ProcessEnv): HostProcess {
    const child = fork(entry, [], {
      env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let exited = false;
    const exitListeners: ((exit: HostProcessExit) => void)[] = [];
    const finish = (exit: HostProcessExit): void => {
      if (exited) return;
      exited = true;
      for (const listener of exitListeners) listener(exit);
    };
    child.on('exit', (code, signal) => finish({ code, signal }));
    // A spawn failure (or a send on a closed channel) reports here; treat the process as gone.
    child.on('error', (error) => finish({ code: null, signal: `error: ${error.message}` }));
    return {
      get pid() {
        return exited ? null : (child.pid ?? null);
      },
      send: (message) => {
        if (!exited && child.connected) child.send(message as object);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => exitListeners.push(listener),
      kill: () => {
        if (!exited) child.kill('SIGKILL');
      },
    };
  }
}
