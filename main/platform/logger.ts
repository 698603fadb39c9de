// A small leveled logger that writes one line per record to stderr; injected, never global.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(
  component: string,
  minimum: LogLevel = 'info',
  sink: LogSink = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (rank[level] < rank[minimum]) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    sink(`${new Date().toISOString()} ${level.padEnd(5)} [${component}] ${message}${extra}`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (name) => createLogger(`${component}:${name}`, minimum, sink),
  };
}

/** A logger that drops everything, for tests and quiet CLI commands. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const value = env.MOSAIC_LOG_LEVEL;
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' ? value : 'info';
}
