import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, startTestPlatform, type Tenant, type TestPlatform } from '@etika/platform/testing';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { post, startEdgeGateway, type EdgeGateway } from './edge-fixture.ts';

let p: TestPlatform;
let t: Tenant;
beforeAll(async () => {
  p = await startTestPlatform();
  t = await seedTenant(p, 'metrics');
});
afterAll(async () => {
  await p?.close();
});

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The Prometheus text format, as a scraper reads it. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string>): number =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

// operations are observed around the engine, subgraph fetches beneath it: both on every engine
describe.each(ENGINE_NAMES)('on the %s engine', (engine) => {
let g: EdgeGateway;
beforeAll(async () => {
  g = await startEdgeGateway(p, { engine, edge: { rateLimits: { perApiKey: 1000, perPerson: 10, perOrganization: 10_000, perAddress: 1000, windowSeconds: 60 } } });
});
afterAll(async () => {
  await g?.close();
});

describe('Prometheus metrics', () => {
  it('counts requests, operations, errors by code, refusals, cache hits, subgraph fetches and field usage per client', async () => {
    const metricsUrl = g.url.replace('/graphql', '/metrics');
    const before = parse(await (await fetch(metricsUrl)).text());
    expect(value(before, 'etika_gateway_field_usage_total', { field: 'me' })).toBe(0);

    for (let i = 0; i < 2; i += 1) expect((await post(g.url, 'query Me { me { id email } }', bearer(t.tokens.member))).status).toBe(200);
    expect((await post(g.url, '{ nope }', bearer(t.tokens.member))).status).toBe(400);
    expect((await post(g.url, '{ myOrganizations { id } }', bearer(t.tokens.member))).status).toBe(429);
    const key = dataOrThrow(await p.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "metrics ${engine}", scopes: ["token:read"] }) { secret apiKey { id } } }`, {}, bearer(t.tokens.owner),
    )).createApiKey;
    expect((await post(g.url, 'query Tokens { tokens { id symbol } }', { 'x-api-key': key.secret })).status).toBe(200);

    const r = await fetch(metricsUrl);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    const samples = parse(await r.text());
    expect(value(samples, 'etika_gateway_operation_duration_seconds_count', { operation: 'Me', type: 'query' })).toBe(2);
    expect(value(samples, 'etika_gateway_operation_duration_seconds_bucket', { operation: 'Me', le: '+Inf' })).toBe(2);
    expect(value(samples, 'etika_gateway_http_request_duration_seconds_count', { route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(value(samples, 'etika_gateway_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(value(samples, 'etika_gateway_errors_total', { code: 'TOO_MANY_REQUESTS' })).toBe(1);
    expect(value(samples, 'etika_gateway_rate_limited_total', { policy: 'person' })).toBe(1);
    expect(value(samples, 'etika_gateway_cache_lookups_total', { cache: 'document', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(value(samples, 'etika_gateway_cache_lookups_total', { cache: 'document', result: 'miss' })).toBeGreaterThanOrEqual(3);
    expect(value(samples, 'etika_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'identity', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(value(samples, 'etika_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'token', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(value(samples, 'etika_gateway_field_usage_total', { type: 'Query', field: 'me', client: 'web' })).toBe(2);
    expect(value(samples, 'etika_gateway_field_usage_total', { type: 'User', field: 'email', client: 'web' })).toBe(2);
    expect(value(samples, 'etika_gateway_field_usage_total', { type: 'Token', field: 'symbol', client: `api-key:${key.apiKey.id}` })).toBe(1);
    expect(value(samples, 'process_cpu_seconds_total', {})).toBe(0);
    expect(value(samples, 'etika_gateway_process_cpu_seconds_total', {})).toBeGreaterThan(0);
  });

  it('the Grafana dashboard queries only metrics the gateway exports', async () => {
    const dashboard = readFileSync(new URL('../../deploy/grafana/gateway.json', import.meta.url), 'utf8');
    const queried = new Set(dashboard.match(/etika_gateway_\w+/g));
    expect(queried.size).toBeGreaterThan(8);
    const text = await (await fetch(g.url.replace('/graphql', '/metrics'))).text();
    // every metric is declared by its TYPE line, observed or not; a histogram's series add _bucket, _count, _sum
    const exported = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!])));
    expect([...queried].filter((name) => !exported.has(name))).toEqual([]);
  });

  it('serves metrics only to the addresses allowed to scrape them', async () => {
    const closed = await startEdgeGateway(p, { engine, edge: { metricsAllow: ['10.0.0.0/8'] } });
    try {
      const r = await fetch(closed.url.replace('/graphql', '/metrics'));
      expect(r.status).toBe(403);
    } finally {
      await closed.close();
    }
  });
});
});
