import { ROOT_CONTEXT, context, createContextKey, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { NO_TRACING, activeTracing, serverParent, traceLogFields, tracingFor } from './tracing.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('tracing', () => {
  it('is nothing at all without an endpoint: no tracer, no current tracing, no log fields', () => {
    expect(tracingFor('identity', {})).toBe(NO_TRACING);
    // no context manager was registered: the API's no-op one keeps no context across a call
    const marked = ROOT_CONTEXT.setValue(createContextKey('probe'), true);
    expect(context.with(marked, () => context.active())).toBe(ROOT_CONTEXT);
    expect(trace.getTracerProvider().getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    expect(activeTracing()).toBeNull();
    expect(traceLogFields()).toEqual({});
  });

  it('leaves log lines as they are outside a trace', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('probe', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    logger.info({ requestId: 'r1' }, 'with fields');
    logger.info('plain');
    expect(lines).toMatchObject([{ requestId: 'r1', msg: 'with fields' }, { msg: 'plain' }]);
    expect(lines.some((line) => 'trace_id' in line)).toBe(false);
  });

  it("continues a trusted caller's traceparent and only links an untrusted one", () => {
    const headers = { traceparent: `00-${TRACE}-${SPAN}-01` };
    expect(trace.getSpanContext(serverParent(headers, true).parent)).toMatchObject({ traceId: TRACE, spanId: SPAN, isRemote: true });
    const untrusted = serverParent(headers, false);
    expect(trace.getSpanContext(untrusted.parent)).toBeUndefined();
    expect(untrusted.links.map((l) => l.context)).toMatchObject([{ traceId: TRACE, spanId: SPAN }]);
  });

  it('starts a new trace for a missing or malformed traceparent, trusted or not', () => {
    for (const traceparent of [undefined, 'garbage', `00-${'0'.repeat(32)}-${SPAN}-01`, `00-${TRACE}-${'0'.repeat(16)}-01`]) {
      const { parent, links } = serverParent(traceparent ? { traceparent } : {}, true);
      expect(trace.getSpanContext(parent)).toBeUndefined();
      expect(links).toEqual([]);
    }
  });
});
