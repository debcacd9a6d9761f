import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Rights, createLogger, keysFor } from '@etika/kit';
import { graphql } from '@etika/platform';
import type { TestPlatform } from '@etika/platform/testing';
import { SUPERGRAPH_PATH } from '@etika/schema';
import { GATEWAY_KEYS, buildGateway, type Gateway, type GatewayOptions } from '../src/server.ts';

export interface EdgeGateway {
  readonly url: string;
  readonly gateway: Gateway;
  close(): Promise<void>;
}

/**
 * A second real gateway in front of the test platform's real subgraphs, built with the edge options a test needs
 * (the platform's own gateway runs with the edge off). Counters live in Redis when `REDIS_URL` is set.
 */
export async function startEdgeGateway(p: TestPlatform, overrides: Partial<GatewayOptions> = {}): Promise<EdgeGateway> {
  const gateway = await buildGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: p.subgraphUrls,
    keys: keysFor(p.keys, 'gateway', GATEWAY_KEYS),
    rights: new Rights(p.rightsStore),
    logger: createLogger('gateway', 'silent'),
    production: false,
    rejectUnauthorized: false,
    ...overrides,
    edge: { redisUrl: process.env['REDIS_URL'], storeNamespace: `test-${randomUUID()}-`, ...overrides.edge },
  });
  const url = await gateway.listen(0);
  return { url, gateway, close: () => gateway.close() };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

export async function post(url: string, query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}): Promise<Answer> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: r.status, headers: r.headers, body: (await r.json()) as Answer['body'] };
}

/** `"person";r=41;t=60, "organization";r=…` → { person: { r: 41, t: 60 }, … } */
export function parseRateLimit(header: string | null): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const item of (header ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, ...params] = item.split(';');
    const key = JSON.parse(name!) as string;
    out[key] = Object.fromEntries(params.map((p) => p.split('=')).map(([k, v]) => [k!, Number(v)]));
  }
  return out;
}

/** A `gql` like the test platform's, against another gateway (one per engine, say). */
export const gqlAt = (url: () => string) =>
  <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => graphql<T>(url(), query, variables, headers);
