import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Principal } from '@etika/schema';
import { openDatabase, type Database } from '../db.ts';
import { keyNeedsOf, type SubgraphDescriptor } from '../descriptor.ts';
import { MemoryBus, type EventBus } from '../events.ts';
import { generateKeyPairs, keysFor, type KeyPairs } from '../keys.ts';
import { createLogger } from '../logger.ts';
import { signPrincipalToken } from '../principal-token.ts';
import type { InProcessExecutor } from '../server.ts';
import { Rights } from '../rights.ts';
import type { PeerUrls } from '../descriptor.ts';
import { openRightsStore, startSubgraph, type StartedSubgraph } from '../runtime.ts';
import { openStore, type KeyValueStore } from '../store.ts';
import { importPrivateKey } from '../tokens.ts';
import { createTestDatabase, testRedisUrl } from './database.ts';

/** An answer as a client would read it off the wire (JSON), with the HTTP status the same request would get. */
export interface TestResponse<T> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

export type Execute = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<TestResponse<T>>;

/** One started subgraph of a test: called in-process by the test, over HTTP by its peers. */
export interface TestSubgraph {
  readonly name: string;
  /** Its database (on PGlite one in-memory database holds every subgraph of the test, each in its own schema). */
  readonly database: Database;
  /** Its GraphQL endpoint, where its peers call it. */
  readonly url: string;
  /**
   * Runs one operation in-process as `principal` (anonymous when not given), as the gateway would send it. Each
   * call comes from an address of its own unless `from` names one (for per-address throttles).
   */
  execute<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, principal?: Principal, from?: { clientAddress: string }): Promise<TestResponse<T>>;
  /** `execute` bound to one principal. */
  as(principal: Principal): Execute;
}

export interface SubgraphTest extends TestSubgraph {
  /** The in-process bus every subgraph of the test shares: publish to it to deliver an event. */
  readonly bus: EventBus;
  /** Every service's key pair, so a test can sign what a service would. */
  readonly keys: KeyPairs;
  /** The rights every subgraph of the test checks. */
  readonly rights: Rights;
  /** The subgraph under test or one of its peers, by name. */
  subgraph(name: string): TestSubgraph;
  /** A principal token as the gateway would sign it for a person's current access token (stamped with today's rights). */
  principalToken(principal: Principal): Promise<string>;
  close(): Promise<void>;
}

export interface SubgraphTestOptions {
  /**
   * The subgraphs it calls (and those they call), started from their descriptors on free ports so the calls are
   * real HTTP. Every name in a started subgraph's `calls` must be among them.
   */
  readonly peers?: readonly SubgraphDescriptor[];
  /** Subgraph settings by variable name; each subgraph reads its own, with its defaults. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Start the subgraphs as in production (masked errors, what production refuses refused). */
  readonly production?: boolean;
}

/** The data of a response that must have succeeded; anything else throws with the errors. */
export function dataOrThrow<T>(response: TestResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}

/**
 * One subgraph for one test file, started from its descriptor with the kit's one start function: migrated into a
 * fresh database (PGlite in memory, or a new database on `DATABASE_URL`), generated keys, an in-process bus, a
 * store on `REDIS_URL` when set. Operations run in-process through `apollo.executeOperation` as a chosen principal.
 */
export async function startSubgraphTest(descriptor: SubgraphDescriptor, options: SubgraphTestOptions = {}): Promise<SubgraphTest> {
  const all = [descriptor, ...(options.peers ?? [])];
  for (const started of all) {
    const missing = started.calls.filter((name) => !all.some((d) => d.name === name));
    if (missing.length) throw new Error(`${started.name} calls ${missing.join(', ')}: pass ${missing.length > 1 ? 'their descriptors' : 'its descriptor'} in peers`);
  }
  const signers = ['gateway', ...all.flatMap((d) => [...(d.keys.signs ? [d.name] : []), ...d.keys.trusts])];
  const keys = await generateKeyPairs([...new Set(signers)]);
  const gatewayKey = await importPrivateKey(keys['gateway']!.privateJwk);
  const namespace = `test-${randomUUID()}-`;
  const bus = new MemoryBus();
  const rightsStore = openRightsStore(testRedisUrl(), namespace);
  const rights = new Rights(rightsStore);
  // the test's store is new, and principals may be made before it: nothing issued before it needs refusing
  await rights.ready(0);
  // a test's principal is a person's current access token: stamped as identity would stamp one issued now
  const principalToken = async (principal: Principal) =>
    signPrincipalToken(
      gatewayKey,
      principal.kind === 'user'
        ? { ...principal, epoch: principal.orgId ? await rights.membershipEpoch(principal.userId, principal.orgId) : 0, issuedAt: Math.floor(Date.now() / 1000) }
        : principal,
    );
  const peers: PeerUrls = new Map();
  const test = await createTestDatabase();
  const running: { subgraph: StartedSubgraph; database: Database; store: KeyValueStore }[] = [];
  const close = async () => {
    for (const r of running.reverse()) {
      await r.subgraph.close();
      await r.store.close();
      if (r.database !== test.database) await r.database.close();
    }
    await bus.close();
    await rightsStore.close();
    await test.close();
  };
  const handles = new Map<string, TestSubgraph>();
  try {
    // the subject last, so whatever it reaches at start-up is already there
    for (const d of [...all.slice(1), descriptor]) {
      const database = d === descriptor || !test.url ? test.database : await openDatabase({ url: test.url, maxConnections: 5 });
      const store = openStore(testRedisUrl(), `${namespace}${d.name}`);
      const deps = { database, store, keys: keysFor(keys, d.name, keyNeedsOf(d)), logger: createLogger(d.name, 'silent'), production: options.production ?? false, peers, bus, rights };
      const subgraph = await startSubgraph(d, deps, options.settings ?? {}, { port: 0, host: '127.0.0.1' });
      running.push({ subgraph, database, store });
      handles.set(d.name, handle(d.name, database, subgraph, principalToken));
    }
  } catch (err) {
    await close();
    throw err;
  }
  const subgraph = (name: string) => {
    const found = handles.get(name);
    if (!found) throw new Error(`no subgraph named ${name} in this test`);
    return found;
  };
  return { ...subgraph(descriptor.name), bus, keys, rights, subgraph, principalToken, close };
}

function handle(name: string, database: Database, started: StartedSubgraph, principalToken: (p: Principal) => Promise<string>): TestSubgraph {
  const run: InProcessExecutor | undefined = started.server.execute;
  if (!run) throw new Error(`${name} was not built with the kit's createSubgraphServer, so it cannot run in-process`);
  const execute = async <T>(query: string, variables: Record<string, unknown> = {}, principal: Principal = ANONYMOUS, from?: { clientAddress: string }): Promise<TestResponse<T>> => {
    const clientAddress = from?.clientAddress ?? `in-process-${randomUUID()}`;
    const response = await run({ query, variables }, { principalToken: await principalToken(principal), clientAddress });
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not supported in tests');
    const body = JSON.parse(JSON.stringify(response.body.singleResult)) as Omit<TestResponse<T>, 'status'>;
    return { status: response.http.status ?? 200, ...body };
  };
  return {
    name,
    database,
    url: started.url,
    execute,
    as: (principal) => <T>(query: string, variables?: Record<string, unknown>) => execute<T>(query, variables, principal),
  };
}
