export { tracingSettingsFrom, trustsIncomingTraceparent, type TracingSettings } from './settings.ts';
export {
  NO_TRACING,
  SpanKind,
  SpanStatusCode,
  activeTracing,
  flushTracing,
  inSpan,
  injectTraceHeaders,
  serverParent,
  shutdownTracing,
  traceLogFields,
  tracingFor,
  type Span,
  type Tracing,
} from './tracing.ts';
export { tracingPlugin } from './plugin.ts';
export { tracedServerRequest } from './server-span.ts';
