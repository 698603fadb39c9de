// How the inference host talks to main: Electron's parentPort in a utilityProcess, process.send when forked.
export interface HostChannel {
  onMessage(listener: (message: unknown) => void): void;
  post(message: unknown): void;
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export function connectToParent(): HostChannel {
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      post: (message) => parentPort.postMessage(message),
    };
  }
  if (typeof process.send === 'function') {
    return {
      onMessage: (listener) => process.on('message', listener),
      post: (message) => {
        if (process.connected) process.send?.(message);
      },
    };
  }
  throw new Error('The inference host must be started by Mosaic Studio (no parent channel found).');
}
