import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  createContextKey,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { tracingSettingsFrom } from './settings.ts';

/** One service's tracing: its tracer, or nothing at all when no endpoint is configured. */
export type Tracing =
  | { readonly enabled: false }
  | { readonly enabled: true; readonly service: string; readonly tracer: Tracer; readonly provider: TracerProvider };

export const NO_TRACING: Tracing = { enabled: false };

type Env = Readonly<Record<string, string | undefined>>;

/** The one exporter of this process, shared by every service in it (`npm start` runs them all in one). */
let exporting: { readonly processor: SpanProcessor; readonly contextManager: AsyncLocalStorageContextManager } | null = null;
const services = new Map<string, Tracing>();
const TRACING_KEY = createContextKey('etika.tracing');
const propagator = new W3CTraceContextPropagator();

/**
 * The tracing of `service`: a tracer whose spans carry `service.name`, exported over OTLP/HTTP (JSON) in batches;
 * `NO_TRACING` when no endpoint is configured, and then nothing is registered and no span is ever made. Several
 * services in one process share one exporter and each has its own resource, so a trace shows which one did what.
 */
export function tracingFor(service: string, env: Env = process.env): Tracing {
  const { endpoint } = tracingSettingsFrom(env);
  if (!endpoint) return NO_TRACING;
  const known = services.get(service);
  if (known) return known;
  if (!exporting) {
    const contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
    exporting = { processor: new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint })), contextManager };
  }
  const provider = new BasicTracerProvider({
    // `OTEL_RESOURCE_ATTRIBUTES` (deployment.environment.name…) adds to each service's own name, never replaces it
    resource: detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ 'service.name': service, 'service.namespace': 'etika' })),
    spanProcessors: [exporting.processor],
  });
  const tracing: Tracing = { enabled: true, service, tracer: provider.getTracer('etika'), provider };
  services.set(service, tracing);
  return tracing;
}

/** Sends every finished span now (on shutdown, and in tests). */
export async function flushTracing(): Promise<void> {
  await exporting?.processor.forceFlush();
}

/** Flushes, then unregisters everything `tracingFor` registered; the next call starts afresh. */
export async function shutdownTracing(): Promise<void> {
  if (!exporting) return;
  const { processor, contextManager } = exporting;
  exporting = null;
  services.clear();
  await processor.shutdown();
  contextManager.disable();
  context.disable();
  trace.disable();
}

/** The tracing of the service whose span is current, or null outside any traced request. */
export function activeTracing(): (Tracing & { enabled: true }) | null {
  if (!exporting) return null;
  return (context.active().getValue(TRACING_KEY) as (Tracing & { enabled: true }) | undefined) ?? null;
}

/**
 * `trace_id` and `span_id` of the current span for every log line (pino's `mixin`); nothing outside a trace. A new
 * object each time: pino merges the line's own fields into it.
 */
export function traceLogFields(): Record<string, string> {
  if (!exporting) return {};
  const span = trace.getSpan(context.active());
  if (!span || !isSpanContextValid(span.spanContext())) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: `0${traceFlags.toString(16)}`.slice(-2) };
}

/** Runs `fn` with `span` (a child of `parent`) current, and with `tracing` found by `activeTracing`. */
export function withCurrentSpan<T>(tracing: Tracing & { enabled: true }, parent: Context, span: Span, fn: () => Promise<T>): Promise<T> {
  return context.with(trace.setSpan(parent, span).setValue(TRACING_KEY, tracing), fn);
}

export function endWithError(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

/** Runs `fn` inside a new span of `tracing` that is current for everything `fn` awaits; a throw marks it failed. */
export async function inSpan<T>(
  tracing: Tracing & { enabled: true },
  name: string,
  options: { kind: SpanKind; attributes?: Attributes; links?: Link[]; parent?: Context },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracing.tracer.startSpan(name, { kind: options.kind, attributes: options.attributes ?? {}, links: options.links ?? [] }, parent);
  try {
    return await withCurrentSpan(tracing, parent, span, () => fn(span));
  } catch (err) {
    endWithError(span, err);
    throw err;
  } finally {
    span.end();
  }
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Where a request's server span hangs: under the caller's `traceparent` when it is trusted (the gateway, for
 * subgraphs; clients only when configured), else in a new trace that links to the caller's span so it can still
 * be found.
 */
export function serverParent(headers: Headers, trustParent: boolean): { parent: Context; links: Link[] } {
  const incoming = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  const caller = trace.getSpanContext(incoming);
  if (!caller || !isSpanContextValid(caller)) return { parent: ROOT_CONTEXT, links: [] };
  if (trustParent) return { parent: incoming, links: [] };
  return { parent: ROOT_CONTEXT, links: [{ context: caller, attributes: { 'etika.link': 'untrusted caller' } }] };
}

/** `traceparent` (and `tracestate`) for an outgoing request made under `span`. */
export function injectTraceHeaders(span: Span, headers: Record<string, string>): Record<string, string> {
  propagator.inject(trace.setSpan(context.active(), span), headers, defaultTextMapSetter);
  return headers;
}

export { SpanKind, SpanStatusCode, type Span };
