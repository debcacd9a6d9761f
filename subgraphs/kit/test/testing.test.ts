import 'reflect-metadata';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Ctx, Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, CLIENT_ADDRESS_HEADER, PRINCIPAL_HEADER, principalOrgId, type Principal } from '@etika/schema';
import { answer, buildFederatedSchema, createSubgraphServer, defineSubgraph, gatewayPrincipalOrThrow, importPublicKey, peerUrlOrThrow, trustedKeyOrThrow, type RequestInfo } from '../src/index.ts';
import { dataOrThrow, startSubgraphTest, userPrincipal, type SubgraphTest } from '../src/testing/index.ts';

/** A subgraph without tables: the kit's audit table and outbox are all it migrates. */
function emptyMigrations(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kit-migrations-'));
  mkdirSync(join(folder, 'meta'));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [] }));
  return folder;
}

@ObjectType()
class Caller {
  @Field(() => String) kind!: string;
  @Field(() => String, { nullable: true }) orgId!: string | null;
  @Field(() => String) clientAddress!: string;
  @Field(() => String, { nullable: true }) peerSaw!: string | null;
}

type FrontContext = RequestInfo & { readonly backUrl: () => string };

@Resolver()
class CallerResolver {
  @Query(() => Caller)
  @Directive('@authenticated')
  async caller(@Ctx() ctx: FrontContext): Promise<Caller> {
    // the peer is asked over HTTP with the relayed principal token, as subgraphs ask each other
    const response = await fetch(new URL('/internal/org', ctx.backUrl()), { headers: { [PRINCIPAL_HEADER]: ctx.principalToken } });
    const seen = (await response.json()) as { orgId: string | null };
    return { kind: ctx.principal.kind, orgId: principalOrgId(ctx.principal), clientAddress: ctx.clientAddress, peerSaw: seen.orgId };
  }
}

@Resolver()
class PingResolver {
  @Query(() => String)
  @Directive('@authenticated')
  ping(): string {
    return 'pong';
  }
}

const migrations = emptyMigrations();
const backSchema = () => buildFederatedSchema({ resolvers: [PingResolver] });
const frontSchema = () => buildFederatedSchema({ resolvers: [CallerResolver] });

const back = defineSubgraph({
  name: 'back',
  port: 0,
  migrations,
  keys: { signs: false, trusts: [] },
  calls: [],
  events: { produces: [], consumes: [] },
  settings: z.object({}),
  buildSchema: backSchema,
  buildServer: async (deps) => {
    const gatewayKey = await importPublicKey(trustedKeyOrThrow(deps.keys, 'gateway'));
    return createSubgraphServer({
      name: 'back',
      schema: await backSchema(),
      db: deps.database.db,
      logger: deps.logger,
      production: false,
      gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
      rights: deps.rights,
      buildContext: (info) => info,
      internalRoutes: { '/internal/org': async (req, res) => answer(res, { orgId: principalOrgId(await gatewayPrincipalOrThrow(req, gatewayKey)) }) },
    });
  },
});

const front = defineSubgraph({
  name: 'front',
  port: 0,
  migrations,
  keys: { signs: false, trusts: [] },
  calls: ['back'],
  events: { produces: [], consumes: [] },
  settings: z.object({}),
  buildSchema: frontSchema,
  buildServer: async (deps) =>
    createSubgraphServer<FrontContext>({
      name: 'front',
      schema: await frontSchema(),
      db: deps.database.db,
      logger: deps.logger,
      production: false,
      gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
      rights: deps.rights,
      buildContext: (info) => ({ ...info, backUrl: () => peerUrlOrThrow(deps.peers, 'back') }),
    }),
});

const CALLER = '{ caller { kind orgId clientAddress peerSaw } }';
let t: SubgraphTest;

beforeAll(async () => {
  t = await startSubgraphTest(front, { peers: [back] });
});
afterAll(() => t?.close());

describe('startSubgraphTest', () => {
  it('runs an operation in-process as the chosen principal; the peer, called over HTTP, sees the same principal', async () => {
    const orgId = randomUUID();
    const r = dataOrThrow(await t.execute<{ caller: Caller }>(CALLER, {}, userPrincipal(randomUUID(), orgId, 'member')));
    expect(r.caller).toEqual({ kind: 'user', orgId, clientAddress: expect.stringMatching(/^in-process-/), peerSaw: orgId });
  });

  it('an HTTP request gets the same context; the shield refuses an anonymous caller either way', async () => {
    const post = async (principal: Principal) => {
      const response = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: await t.principalToken(principal), [CLIENT_ADDRESS_HEADER]: '203.0.113.7' },
        body: JSON.stringify({ query: CALLER }),
      });
      return (await response.json()) as { data?: { caller: Caller } | null; errors?: { path?: string[]; extensions?: { code?: string } }[] };
    };
    const orgId = randomUUID();
    expect((await post(userPrincipal(randomUUID(), orgId, 'member'))).data?.caller).toEqual({ kind: 'user', orgId, clientAddress: '203.0.113.7', peerSaw: orgId });
    const inProcess = await t.execute(CALLER);
    const overHttp = await post(ANONYMOUS);
    for (const r of [inProcess, overHttp]) {
      // refused at the field by the directive, not before execution
      expect(r.errors?.[0]).toMatchObject({ path: ['caller'], extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('an answer over HTTP says it may not be stored, whether it succeeded or was refused', async () => {
    for (const principal of [userPrincipal(randomUUID(), randomUUID(), 'member'), ANONYMOUS]) {
      const response = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: await t.principalToken(principal) },
        body: JSON.stringify({ query: CALLER }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('a peer answers in-process too', async () => {
    const r = await t.subgraph('back').execute<{ ping: string }>('{ ping }', {}, userPrincipal(randomUUID(), null, null));
    expect(r).toEqual({ status: 200, data: { ping: 'pong' } });
  });

  it('refuses to start a subgraph without the services it calls', async () => {
    await expect(startSubgraphTest(front)).rejects.toThrow('front calls back: pass its descriptor in peers');
  });
});
