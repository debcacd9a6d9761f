import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type EventBus } from '@etika/kit';
import { EVENT_TYPES, type EventEnvelope, type IdentityApiKeyEvent, type Locale, type OrgMembershipChanged, type PostingPayload, type TokenTransactionCommitted } from '@etika/schema';

/** Events as the producers would publish them, and a way to wait until this subgraph's inbox has handled them. */
export function envelope<T>(type: string, orgId: string | null, payload: T): EventEnvelope<T> {
  return { id: randomUUID(), type, orgId, occurredAt: new Date().toISOString(), payload };
}

export async function handled(database: Database, eventIds: readonly string[], timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const rows = await queryRows<{ n: number }>(database.db, sql`select count(distinct event_id)::int as n from notification.inbox where event_id in (${sql.join(eventIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
    if (Number(rows[0]?.n) >= eventIds.length) return;
    if (Date.now() - started > timeoutMs) throw new Error(`events not handled within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function publish(bus: EventBus, database: Database, ...events: EventEnvelope[]): Promise<void> {
  await bus.publish(events);
  await handled(database, events.map((e) => e.id));
}

export const person = (userId: string, email: string, locale: Locale = 'en', emailVerified = true) =>
  envelope(EVENT_TYPES.identityUserChanged, null, { userId, email, locale, emailVerified });

export const joined = (orgId: string, userId: string, role: OrgMembershipChanged['role'], previousRole: OrgMembershipChanged['previousRole'] = null) =>
  envelope<OrgMembershipChanged>(EVENT_TYPES.orgMembershipChanged, orgId, { membershipId: randomUUID(), orgId, userId, role, previousRole, actorId: null });

export function transaction(orgId: string, kind: TokenTransactionCommitted['kind'], postings: Omit<PostingPayload, 'accountId'>[], reversesId: string | null = null) {
  return envelope<TokenTransactionCommitted>(EVENT_TYPES.tokenTransactionCommitted, orgId, {
    transactionId: randomUUID(),
    orgId,
    kind,
    reversesId,
    memo: null,
    createdAt: new Date().toISOString(),
    postings: postings.map((p) => ({ accountId: randomUUID(), ...p })),
  });
}

export const apiKey = (type: typeof EVENT_TYPES.identityApiKeyCreated | typeof EVENT_TYPES.identityApiKeyRevoked, orgId: string) =>
  envelope<IdentityApiKeyEvent>(type, orgId, { apiKeyId: randomUUID(), orgId, name: 'Till system', prefix: 'etk_live_ab12', actorId: null });
