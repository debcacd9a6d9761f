import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { pino } from 'pino';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore, Rights, generateKeyPairs, keysFor, type Logger } from '@etika/kit';
import { ENGINE_NAMES } from '../src/engine/engine.ts';
import { GATEWAY_KEYS, buildGateway, type Gateway } from '../src/server.ts';
import { startBehavingSubgraph, type BehavingSubgraph } from './behaving-subgraph.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])\n';
const NAMES = ['Zoë', 'Łódź', '東京', 'emoji 🚀'];

describe.each(ENGINE_NAMES)('on the %s engine, an answer', (engine) => {
  let places: BehavingSubgraph;
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    places = await startBehavingSubgraph('places', `${LINK}type Query { names: [String!]! }`, { Query: { names: () => NAMES } });
    const composed = composeServices([{ name: places.name, url: places.url, typeDefs: parse(places.typeDefs) }]);
    if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
    const rights = new Rights(new MemoryStore());
    await rights.ready(0);
    gateway = await buildGateway({
      supergraphSdl: composed.supergraphSdl,
      subgraphUrls: { places: places.url, identity: 'http://127.0.0.1:9/graphql' },
      keys: keysFor(await generateKeyPairs(['gateway', 'identity']), 'gateway', GATEWAY_KEYS),
      rights,
      logger: pino({ level: 'silent' }) as unknown as Logger,
      production: true,
      rejectUnauthorized: false,
      engine,
    });
    url = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway.close();
    await places.close();
  });

  it('says its length in bytes, whatever the characters, and arrives whole', async () => {
    const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ names }' }) });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['content-length'])).toBe(bytes.length);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ data: { names: NAMES } });
  });
});
