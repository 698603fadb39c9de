// A scriptable stand-in for the inference host process, for supervisor tests that need exact control of crashes.
import type { HostProcess, HostProcessExit, HostProcessLauncher } from '../../main/platform/host-process.js';

export class FakeHostProcess implements HostProcess {
  readonly sent: { id: number; op: string; [key: string]: unknown }[] = [];
  private messageListeners: ((message: unknown) => void)[] = [];
  private exitListeners: ((exit: HostProcessExit) => void)[] = [];
  exited = false;

  constructor(readonly pid: number) {}

  send(message: unknown): void {
    this.sent.push(message as FakeHostProcess['sent'][number]);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (exit: HostProcessExit) => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    this.exit({ code: null, signal: 'SIGKILL' });
  }

  reply(id: number, result: unknown): void {
    for (const listener of this.messageListeners) listener({ kind: 'reply', id, ok: true, result });
  }
  fail(id: number, code: string, message: string): void {
    for (const listener of this.messageListeners) listener({ kind: 'reply', id, ok: false, error: { code, message } });
  }
  exit(exit: HostProcessExit): void {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.exitListeners) listener(exit);
  }
  /** Answers the hello this process was sent, as a healthy host would. */
  sayHello(): void {
    const hello = this.sent.find((message) => message.op === 'hello');
    if (!hello) throw new Error('no hello was sent');
    this.reply(hello.id, {
      pid: this.pid,
      onnxruntimeVersion: '1.30.0',
      executionProvider: { inUse: 'cpu', tried: [{ name: 'cpu', ok: true, elapsedMs: 1 }], reason: 'test' },
    });
  }
}

export class FakeLauncher implements HostProcessLauncher {
  readonly kind = 'fake';
  readonly launched: FakeHostProcess[] = [];
  /** The environment each process was launched with, in order. */
  readonly envs: NodeJS.ProcessEnv[] = [];

  launch(_entry?: string, env: NodeJS.ProcessEnv = {}): HostProcess {
    const child = new FakeHostProcess(1000 + this.launched.length);
    this.launched.push(child);
    this.envs.push(env);
    return child;
  }

  get latest(): FakeHostProcess {
    const child = this.launched.at(-1);
    if (!child) throw new Error('nothing launched');
    return child;
  }
}
