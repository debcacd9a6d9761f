import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import { __camel__ } from '../src/index.ts';

/** The subgraph alone on a fresh database, called in-process as the gateway would call it. */
let p: SubgraphTest;
beforeAll(async () => {
  p = await startSubgraphTest(__camel__);
});
afterAll(() => p?.close());

describe('__name__ items', () => {
  const [orgA, orgB] = [randomUUID(), randomUUID()];
  const admin = userPrincipal(randomUUID(), orgA, 'admin');
  const member = userPrincipal(randomUUID(), orgA, 'member');
  const stranger = userPrincipal(randomUUID(), orgB, 'owner');
  const CREATE = 'mutation($title: String!) { create__Name__Item(title: $title) { id title } }';
  const LIST = '{ __camel__Items { id title } }';

  it('an admin adds an item that the organisation sees and no other organisation does', async () => {
    const created = await p.execute<{ create__Name__Item: { id: string; title: string } }>(CREATE, { title: '  First  ' }, admin);
    expect(created.data?.create__Name__Item.title).toBe('First');
    const mine = await p.execute<{ __camel__Items: { id: string }[] }>(LIST, {}, member);
    expect(mine.data?.__camel__Items.map((i) => i.id)).toEqual([created.data!.create__Name__Item.id]);
    const theirs = await p.execute<{ __camel__Items: { id: string }[] }>(LIST, {}, stranger);
    expect(theirs.data?.__camel__Items).toEqual([]);
  });

  it('refuses a member adding items and a blank title, and keeps what was there', async () => {
    expect((await p.execute(CREATE, { title: 'Mine' }, member)).errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await p.execute(CREATE, { title: '   ' }, admin)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await p.execute<{ __camel__Items: { title: string }[] }>(LIST, {}, admin);
    expect(after.data?.__camel__Items.map((i) => i.title)).toEqual(['First']);
  });
});
