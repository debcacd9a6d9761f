import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, generateKeyPairs, importPrivateKey, keyNeedsOf, keysFor, MemoryBus, MemoryStore, Rights, signPrincipalToken, startSubgraph, type StartedSubgraph } from '@etika/kit';
import { createTestDatabase, userPrincipal } from '@etika/kit/testing';
import { PRINCIPAL_HEADER, type Principal } from '@etika/schema';
import { __camel__ } from '../src/index.ts';

/** The subgraph alone over real HTTP on a fresh database, called as the gateway would call it. */
let started: StartedSubgraph;
let close: () => Promise<void>;
let sign: (principal: Principal) => Promise<string>;

beforeAll(async () => {
  const database = await createTestDatabase();
  const pairs = await generateKeyPairs(['gateway']);
  const gatewayKey = await importPrivateKey(pairs['gateway']!.privateJwk);
  sign = (principal) => signPrincipalToken(gatewayKey, principal);
  const deps = {
    database: database.database,
    store: new MemoryStore(),
    keys: keysFor(pairs, __camel__.name, keyNeedsOf(__camel__)),
    logger: createLogger(__camel__.name, 'silent'),
    production: false,
    peers: new Map<string, string>(),
    bus: new MemoryBus(),
    rights: new Rights(new MemoryStore()),
  };
  // a new store, and the principals below were made before it: nothing issued before it needs refusing
  await deps.rights.ready(0);
  started = await startSubgraph(__camel__, deps, {}, { port: 0, host: '127.0.0.1' });
  close = async () => {
    await started.close();
    await database.close();
  };
});
afterAll(() => close?.());

async function call<T>(principal: Principal, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(started.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: await sign(principal) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
}

describe('__name__ items', () => {
  const [orgA, orgB] = [randomUUID(), randomUUID()];
  const admin = userPrincipal(randomUUID(), orgA, 'admin');
  const member = userPrincipal(randomUUID(), orgA, 'member');
  const stranger = userPrincipal(randomUUID(), orgB, 'owner');
  const CREATE = 'mutation($title: String!) { create__Name__Item(title: $title) { id title } }';
  const LIST = '{ __camel__Items { id title } }';

  it('an admin adds an item that the organisation sees and no other organisation does', async () => {
    const created = await call<{ create__Name__Item: { id: string; title: string } }>(admin, CREATE, { title: '  First  ' });
    expect(created.data?.create__Name__Item.title).toBe('First');
    const mine = await call<{ __camel__Items: { id: string }[] }>(member, LIST);
    expect(mine.data?.__camel__Items.map((i) => i.id)).toEqual([created.data!.create__Name__Item.id]);
    const theirs = await call<{ __camel__Items: { id: string }[] }>(stranger, LIST);
    expect(theirs.data?.__camel__Items).toEqual([]);
  });

  it('refuses a member adding items and a blank title, and keeps what was there', async () => {
    expect((await call(member, CREATE, { title: 'Mine' })).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await call(admin, CREATE, { title: '   ' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await call<{ __camel__Items: { title: string }[] }>(admin, LIST);
    expect(after.data?.__camel__Items.map((i) => i.title)).toEqual(['First']);
  });
});
