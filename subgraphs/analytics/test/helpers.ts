import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@etika/kit';
import { EVENT_TYPES, type EventEnvelope, type TokenTransactionCommitted } from '@etika/schema';

/** How many events the analytics inbox holds: events are applied asynchronously, so tests wait on it. */
export async function inboxSize(database: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from analytics.inbox`);
  return Number(row?.n ?? 0);
}

/** Waits until `check` holds (events are consumed in the background), or fails after a while. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Movement {
  readonly kind: TokenTransactionCommitted['kind'];
  readonly at: string;
  readonly postings: readonly { readonly ownerType: 'member' | 'issuance' | 'redemption' | 'sale'; readonly ownerId: string | null; readonly amount: string }[];
}

/** A `token.transaction.committed` event as token would publish it (accounts named after their owners). */
export function committed(orgId: string, tokenId: string, m: Movement): EventEnvelope<TokenTransactionCommitted> {
  const accounts = new Map<string, string>();
  const accountOf = (key: string) => accounts.get(key) ?? (accounts.set(key, randomUUID()), accounts.get(key)!);
  return {
    id: randomUUID(),
    type: EVENT_TYPES.tokenTransactionCommitted,
    orgId,
    occurredAt: m.at,
    payload: {
      transactionId: randomUUID(),
      orgId,
      kind: m.kind,
      reversesId: null,
      memo: null,
      createdAt: m.at,
      postings: m.postings.map((p) => ({ accountId: accountOf(`${p.ownerType}:${p.ownerId}`), tokenId, ownerType: p.ownerType, ownerId: p.ownerId, amount: p.amount })),
    },
  };
}

export const issue = (to: string, amount: string, at: string): Movement => ({
  kind: 'issue',
  at,
  postings: [{ ownerType: 'issuance', ownerId: null, amount: `-${amount}` }, { ownerType: 'member', ownerId: to, amount }],
});
export const transfer = (from: string, to: string, amount: string, at: string): Movement => ({
  kind: 'transfer',
  at,
  postings: [{ ownerType: 'member', ownerId: from, amount: `-${amount}` }, { ownerType: 'member', ownerId: to, amount }],
});
export const redeem = (from: string, amount: string, at: string): Movement => ({
  kind: 'redeem',
  at,
  postings: [{ ownerType: 'member', ownerId: from, amount: `-${amount}` }, { ownerType: 'redemption', ownerId: null, amount }],
});
