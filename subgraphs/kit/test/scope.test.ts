import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus, createLogger, inTenant, migrateSubgraph, queryRows, recordEvent, startOutboxRelay } from '../src/index.ts';
import { asSystem, createTestDatabase, outboxEvents, rowsInTenant } from '../src/testing/index.ts';

/** The testing helpers that read as the code reads: the relay's scope for outboxes, a system's scope for its tables. */
const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b1';
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'kit-scope-'));
  mkdirSync(join(dir, 'meta'));
  // a table only the system `demo-sweeper` may read across organisations, besides each organisation its own rows
  writeFileSync(
    join(dir, '0000_init.sql'),
    [
      'CREATE SCHEMA "sc";',
      'CREATE TABLE "sc"."jobs" ("org_id" uuid NOT NULL, "name" text NOT NULL);',
      'ALTER TABLE "sc"."jobs" ENABLE ROW LEVEL SECURITY;',
      `CREATE POLICY jobs_tenant ON "sc"."jobs" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid);`,
      `CREATE POLICY jobs_sweeper ON "sc"."jobs" FOR SELECT USING (current_setting('app.system', true) = 'demo-sweeper');`,
    ].join('\n--> statement-breakpoint\n'),
  );
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true }] }));
  await migrateSubgraph(db.database, 'sc', dir);
  for (const [org, name] of [[A, 'a1'], [B, 'b1']] as const) {
    await inTenant(db.database.db, { orgId: org, userId: null }, async (tx) => {
      await tx.execute(sql`insert into sc.jobs (org_id, name) values (${org}::uuid, ${name})`);
      await recordEvent(tx, 'sc', 'job.added', org, { name, amount: '12.50' });
    });
  }
});
afterAll(() => db.close());

describe('outboxEvents', () => {
  it('reads every organisation’s events as the relay does, payloads as values, pending until published', async () => {
    const events = await outboxEvents(db.database.db, 'sc');
    expect(events.map((e) => [e.orgId, e.type, e.payload, e.publishedAt])).toEqual([
      [A, 'job.added', { name: 'a1', amount: '12.50' }, null],
      [B, 'job.added', { name: 'b1', amount: '12.50' }, null],
    ]);
    const relay = startOutboxRelay({ db: db.database.db, schema: 'sc', bus: new MemoryBus(), logger: createLogger('test', 'silent'), intervalMs: 3_600_000 });
    await relay.flush();
    await relay.stop();
    const published = await outboxEvents(db.database.db, 'sc', sql`org_id = ${B}::uuid`);
    expect(published.map((e) => e.payload['name'])).toEqual(['b1']);
    expect(Date.parse(published[0]!.publishedAt!)).toBeGreaterThanOrEqual(Date.parse(published[0]!.occurredAt));
  });

  it('refuses a schema name that is not an identifier', async () => {
    await expect(outboxEvents(db.database.db, 'sc.outbox; drop table sc.jobs; --')).rejects.toThrow(/invalid schema/);
  });
});

describe('asSystem', () => {
  it('sees across organisations only what the policy grants that system, on PGlite as on a server', async () => {
    const names = (system: string) => asSystem(db.database.db, system, async (tx) => (await queryRows<{ name: string }>(tx, sql`select name from sc.jobs order by name`)).map((r) => r.name));
    expect(await names('demo-sweeper')).toEqual(['a1', 'b1']);
    // the role switch makes the policies hold even for PGlite's superuser session
    expect(await names('outbox-relay')).toEqual([]);
    expect(await asSystem(db.database.db, 'demo-sweeper', async (tx) => queryRows(tx, sql`select id from sc.outbox`))).toEqual([]);
  });
});

describe('rowsInTenant', () => {
  it("sees one organisation's rows only, on PGlite as on a server", async () => {
    const names = async (org: string) => (await rowsInTenant<{ name: string }>(db.database.db, org, sql`select name from sc.jobs order by name`)).map((r) => r.name);
    expect(await names(A)).toEqual(['a1']);
    expect(await names(B)).toEqual(['b1']);
    expect(await rowsInTenant(db.database.db, A, sql`select id from sc.outbox`)).toEqual([]);
  });
});
