import { pino, type DestinationStream, type Logger } from 'pino';
import { traceLogFields } from './tracing/tracing.ts';

export type { Logger };

/**
 * Structured JSON logs, one line per event; secrets in headers are never written. A line written inside a traced
 * request carries its `trace_id` and `span_id`. Standard output unless `destination` is given.
 */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    base: { service: name },
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["etika-principal"]', 'password'],
    mixin: traceLogFields,
  };
  return destination ? pino(options, destination) : pino(options);
}
