import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs, one line per event; secrets in headers are never written. */
export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["etika-principal"]', 'password'],
  });
}
