import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { endWithError, serverParent, withCurrentSpan, type Tracing } from './tracing.ts';

/**
 * Serves one HTTP request inside a server span (`POST /graphql`, renamed after its operation by `tracingPlugin`):
 * a child of the caller's `traceparent` when `trustParent`, else the root of a new trace. The span ends when
 * `serve` has answered; a 5xx answer or a throw other than a client error (an error with a `status` under 500)
 * marks it failed. With tracing off, `serve` runs alone.
 */
export async function tracedServerRequest(tracing: Tracing, req: IncomingMessage, res: ServerResponse, route: string, trustParent: boolean, serve: () => Promise<void>): Promise<void> {
  if (!tracing.enabled) return serve();
  const method = req.method ?? 'GET';
  const { parent, links } = serverParent(req.headers, trustParent);
  const span = tracing.tracer.startSpan(`${method} ${route}`, { kind: SpanKind.SERVER, links, attributes: { 'http.request.method': method, 'http.route': route, 'url.path': route } }, parent);
  try {
    await withCurrentSpan(tracing, parent, span, serve);
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.statusCode}` });
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    const clientError = typeof status === 'number' && status < 500;
    span.setAttribute('http.response.status_code', typeof status === 'number' ? status : 500);
    if (!clientError) endWithError(span, err);
    throw err;
  } finally {
    span.end();
  }
}
