import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTenant, migrateSubgraph, queryRows } from '@etika/kit';
import { createTestDatabase } from '@etika/kit/testing';
import { EVENT_TYPES, type EventEnvelope, type TokenTransactionCommitted } from '@etika/schema';
import { appendCommittedTransactions } from '../src/log/log.consumer.ts';
import { LogService } from '../src/log/log.service.ts';

const ORG = '00000000-0000-4000-8000-0000000000c1';
const MIGRATIONS = fileURLToPath(new URL('../drizzle', import.meta.url));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let handle: ReturnType<typeof appendCommittedTransactions>;
const errors: unknown[][] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateSubgraph(db.database, 'chain', MIGRATIONS);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const log = new LogService(db.database.db, 'test.local/chain', { publicJwk: publicKey.export({ format: 'jwk' }), privateJwk: privateKey.export({ format: 'jwk' }) });
  const logger = { error: (...args: unknown[]) => void errors.push(args) } as unknown as Parameters<typeof appendCommittedTransactions>[2];
  handle = appendCommittedTransactions(db.database.db, log, logger);
});
afterAll(() => db.close());

const leaves = () => inTenant(db.database.db, { orgId: ORG, userId: null }, (tx) => queryRows<{ transaction_id: string }>(tx, sql`select transaction_id from chain.leaves order by idx`));

function committed(payload: unknown): EventEnvelope {
  return { id: randomUUID(), type: EVENT_TYPES.tokenTransactionCommitted, orgId: ORG, occurredAt: new Date().toISOString(), payload };
}

const valid = (): TokenTransactionCommitted => ({
  transactionId: randomUUID(),
  orgId: ORG,
  kind: 'issue',
  reversesId: null,
  memo: null,
  createdAt: new Date().toISOString(),
  postings: [
    { accountId: randomUUID(), tokenId: randomUUID(), ownerType: 'issuance', ownerId: null, amount: '-5' },
    { accountId: randomUUID(), tokenId: randomUUID(), ownerType: 'member', ownerId: randomUUID(), amount: '5' },
  ],
});

describe('appending committed transactions', () => {
  it('appends a valid transaction once, however often it is delivered', async () => {
    const event = committed(valid());
    await handle(event);
    await handle(event);
    expect(await leaves()).toEqual([{ transaction_id: (event.payload as TokenTransactionCommitted).transactionId }]);
  });

  it.each([
    ['no postings', { ...valid(), postings: [] }],
    ['an amount that is not an integer', { ...valid(), postings: [{ ...valid().postings[0]!, amount: '1.5' }] }],
    ['an unknown kind', { ...valid(), kind: 'gift' }],
    ['a transaction id that is not a uuid', { ...valid(), transactionId: 'x' }],
    ['no payload at all', null],
  ])('appends nothing for a payload with %s, and logs it as an error', async (_what, payload) => {
    const before = (await leaves()).length;
    errors.length = 0;
    const event = committed(payload);
    await handle(event);
    expect((await leaves()).length).toBe(before);
    expect(errors).toEqual([[expect.objectContaining({ eventId: event.id, consumer: 'chain-append' }), expect.stringMatching(/rejected/)]]);
  });
});
