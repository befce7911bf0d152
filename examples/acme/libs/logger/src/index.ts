import pino from 'pino';

export interface LoggerOptions {
  service: string;
  /** Field names whose values are replaced by "[redacted]" wherever they appear. */
  redact?: string[];
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const ALWAYS_REDACTED = ['token', 'pan', 'cvc', 'authorization'];

export function redactionPaths(extra: string[] = []): string[] {
  return [...new Set([...ALWAYS_REDACTED, ...extra])].flatMap((f) => [f, `*.${f}`]);
}

export function createLogger(opts: LoggerOptions): Logger {
  const base = pino({ base: { service: opts.service }, redact: { paths: redactionPaths(opts.redact), censor: '[redacted]' } });
  return {
    info: (msg, fields) => base.info(fields ?? {}, msg),
    warn: (msg, fields) => base.warn(fields ?? {}, msg),
    error: (msg, fields) => base.error(fields ?? {}, msg),
  };
}
