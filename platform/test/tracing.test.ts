import { createServer, type Server } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rights, createLogger, flushTracing, keysFor, shutdownTracing } from '@etika/kit';
import { GATEWAY_KEYS, buildGateway, type Gateway } from '@etika/gateway';
import { SUPERGRAPH_PATH } from '@etika/schema';
import { graphql } from '../src/client.ts';
import { startTestPlatform, type TestPlatform } from '../src/testing.ts';

/** One span as an OTLP/HTTP receiver decodes it from the exporter's JSON, with its resource's service name. */
interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly status: number;
  readonly attributes: Record<string, unknown>;
  readonly links: { traceId: string; spanId: string }[];
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttributes = { key: string; value: OtlpValue }[] | undefined;
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttributes };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; status?: { code?: number }; attributes?: OtlpAttributes; links?: { traceId: string; spanId: string }[] }[] }[];
  }[];
}

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

/** OTLP/JSON ids are hex; a base64 encoding (the protobuf JSON mapping) is read as well. */
const hex = (id: string | undefined) => (!id ? '' : /^[0-9a-f]*$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex'));
const attributesOf = (list: OtlpAttributes): Record<string, unknown> =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue]));

/** A real OTLP/HTTP traces receiver: what a collector would be, on a free loopback port. */
async function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; contentTypes: Set<string> }> {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url !== '/v1/traces' || req.method !== 'POST') return res.writeHead(404).end();
      contentTypes.add(String(req.headers['content-type']));
      const raw = Buffer.concat(chunks);
      const body = JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')) as OtlpExport;
      for (const resource of body.resourceSpans ?? []) {
        const service = String(attributesOf(resource.resource?.attributes)['service.name']);
        for (const scope of resource.scopeSpans ?? []) {
          for (const s of scope.spans ?? []) {
            spans.push({
              service,
              traceId: hex(s.traceId),
              spanId: hex(s.spanId),
              parentSpanId: hex(s.parentSpanId),
              name: s.name,
              kind: s.kind,
              status: s.status?.code ?? 0,
              attributes: attributesOf(s.attributes),
              links: (s.links ?? []).map((l) => ({ traceId: hex(l.traceId), spanId: hex(l.spanId) })),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, contentTypes };
}

const SIGN_UP = 'mutation SignUp($input: CredentialsInput!) { signUp(input: $input) { userId } }';
const signUpVariables = () => ({ input: { email: `traced.${randomUUID().slice(0, 8)}@test.etika.dev`, password: 'correct horse battery staple' } });
/** A client's own trace context, as a browser or partner instrumented with OpenTelemetry would send it. */
const clientTraceparent = () => {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
};

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let p: TestPlatform;
let trusting: Gateway;
let trustingUrl: string;
const gatewayLines: Record<string, unknown>[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  receiver = await startReceiver();
  // the standard variable, read by every service as it starts; batches leave quickly so the test waits little
  process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = receiver.url;
  process.env['OTEL_BSP_SCHEDULE_DELAY'] = '50';
  p = await startTestPlatform();
  // a second gateway in front of the same subgraphs, configured to continue its clients' traces, logging here
  const rights = new Rights(p.rightsStore);
  await rights.ready();
  trusting = await buildGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: p.subgraphUrls,
    keys: keysFor(p.keys, 'gateway', GATEWAY_KEYS),
    rights,
    logger: createLogger('gateway', 'info', { write: (line: string) => void gatewayLines.push(JSON.parse(line) as Record<string, unknown>) }),
    production: false,
    rejectUnauthorized: false,
    tracing: { trustIncomingTraceparent: true },
    engine: 'rust',
  });
  trustingUrl = await trusting.listen(0);
}, 120_000);

afterAll(async () => {
  await trusting?.close();
  await p?.close();
  await shutdownTracing();
  await new Promise((resolve) => receiver?.server.close(resolve));
  process.env = saved;
});

/** The spans of the trace whose gateway request span matches, once all of them (down to the database) arrived. */
async function traceOf(matches: (gatewayRequest: ReceivedSpan) => boolean): Promise<ReceivedSpan[]> {
  for (let tries = 0; tries < 100; tries++) {
    await flushTracing();
    const root = receiver.spans.find((s) => s.service === 'gateway' && s.kind === SERVER && matches(s));
    const trace = root ? receiver.spans.filter((s) => s.traceId === root.traceId) : [];
    if (trace.some((s) => s.name === 'transaction')) {
      // the request's span ends last; one more flush gathers any batch that was still on its way
      await flushTracing();
      await new Promise((resolve) => setTimeout(resolve, 100));
      return receiver.spans.filter((s) => s.traceId === root!.traceId);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no complete trace arrived; spans received: ${receiver.spans.map((s) => `${s.service}:${s.name}`).join(', ')}`);
}

const ancestors = (trace: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] => {
  const chain: ReceivedSpan[] = [];
  for (let s = trace.find((t) => t.spanId === span.parentSpanId); s; s = trace.find((t) => t.spanId === s!.parentSpanId)) chain.push(s);
  return chain;
};

/** Gateway request → (the engine's own spans) → subgraph fetch → subgraph request → its transactions. */
function expectChain(trace: ReceivedSpan[], request: ReceivedSpan): void {
  const fetch = trace.find((s) => s.service === 'gateway' && s.name === 'subgraph identity')!;
  expect(fetch).toMatchObject({ kind: CLIENT, attributes: { 'subgraph.name': 'identity', 'http.response.status_code': 200 } });
  expect(ancestors(trace, fetch)).toContain(request);

  const served = trace.find((s) => s.service === 'identity' && s.kind === SERVER)!;
  // named after the operation the planner wrote for the subgraph (@apollo/gateway names it after the client's)
  expect(served).toMatchObject({ name: expect.stringMatching(/^mutation\b/), parentSpanId: fetch.spanId, attributes: { 'http.response.status_code': 200 } });

  const transactions = trace.filter((s) => s.service === 'identity' && s.name === 'transaction');
  expect(transactions.length).toBeGreaterThan(0);
  for (const t of transactions) {
    expect(t).toMatchObject({ kind: CLIENT, parentSpanId: served.spanId, attributes: { 'db.system': 'postgresql' } });
  }
}

describe('OpenTelemetry traces over OTLP, gateway → subgraph → database', () => {
  it('one request is one trace: the gateway request, its plan, the subgraph fetch, the subgraph request, its transactions and its internal call to another subgraph, each the parent of the next', async () => {
    const client = clientTraceparent();
    const answer = await graphql<{ signUp: { userId: string } }>(p.gatewayUrl, SIGN_UP, signUpVariables(), { traceparent: client.header });
    expect(answer.errors).toBeUndefined();
    const trace = await traceOf((s) => s.attributes['graphql.operation.name'] === 'SignUp');

    const request = trace.find((s) => s.service === 'gateway' && s.kind === SERVER)!;
    expect(request).toMatchObject({ name: 'mutation SignUp', parentSpanId: '', attributes: { 'graphql.operation.type': 'mutation', 'http.response.status_code': 200 } });
    // an untrusted client's trace is not continued (its ids are not ours to take), only linked
    expect(request.traceId).not.toBe(client.traceId);
    expect(request.links).toEqual([{ traceId: client.traceId, spanId: client.spanId }]);

    const plan = trace.find((s) => s.name === 'gateway.plan');
    expect(plan && ancestors(trace, plan)).toContain(request);

    expectChain(trace, request);
    // identity asks org for the new person's memberships over an internal route: org's span continues that call
    const asked = trace.find((s) => s.service === 'identity' && s.kind === CLIENT && s.attributes['url.path'] === '/internal/memberships')!;
    expect(ancestors(trace, asked)).toContain(trace.find((s) => s.service === 'identity' && s.kind === SERVER));
    const answered = trace.find((s) => s.service === 'org' && s.kind === SERVER)!;
    expect(answered).toMatchObject({ parentSpanId: asked.spanId, attributes: { 'http.route': '/internal/memberships', 'http.response.status_code': 200 } });

    // no statement parameter reaches the exporter: neither the address nor the password appears in any span
    expect(JSON.stringify(trace)).not.toMatch(/traced\.|correct horse/);
    expect([...receiver.contentTypes]).toEqual(['application/json']);
  });

  it('a failed operation marks its spans failed', async () => {
    const answer = await graphql(p.gatewayUrl, 'mutation BadSignUp($input: CredentialsInput!) { signUp(input: $input) { userId } }', { input: { email: 'not an address', password: 'x' } });
    expect(answer.errors?.length).toBeGreaterThan(0);
    let trace: ReceivedSpan[] = [];
    for (let tries = 0; tries < 100 && !trace.some((s) => s.service === 'identity' && s.kind === SERVER); tries++) {
      await flushTracing();
      const root = receiver.spans.find((s) => s.service === 'gateway' && s.kind === SERVER && s.attributes['graphql.operation.name'] === 'BadSignUp');
      trace = root ? receiver.spans.filter((s) => s.traceId === root.traceId) : [];
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(trace.find((s) => s.service === 'gateway' && s.kind === SERVER)?.status).toBe(ERROR);
    expect(trace.find((s) => s.service === 'identity' && s.kind === SERVER)?.status).toBe(ERROR);
  });

  it('a gateway configured to trust its clients continues their trace (here on the Rust planner engine), and its log lines carry the trace id', async () => {
    const client = clientTraceparent();
    const answer = await graphql(trustingUrl, SIGN_UP, signUpVariables(), { traceparent: client.header });
    expect(answer.errors).toBeUndefined();
    const trace = await traceOf((s) => s.traceId === client.traceId);
    const request = trace.find((s) => s.service === 'gateway' && s.kind === SERVER)!;
    expect(request).toMatchObject({ parentSpanId: client.spanId, links: [] });
    expectChain(trace, request);

    const logged = gatewayLines.find((line) => line['msg'] === 'request' && line['path'] === '/graphql');
    expect(logged).toMatchObject({ trace_id: client.traceId, span_id: request.spanId });
  });
});
