import { randomUUID } from 'node:crypto';
import { and, arrayContains, desc, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { appError, inTenant, scopeOf, uuidOrThrow, type Db, type Tx } from '@etika/kit';
import type { EventEnvelope, Principal } from '@etika/schema';
import type { Clock } from '../clock.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from '../tables.ts';
import { eventBody, TEST_EVENT_TYPE, webhookBody } from './payload.ts';
import type { SecretBox } from './secrets.ts';
import { generateSecret } from './signature.ts';
import { AddressGuard, UnsafeAddressError } from './ssrf.ts';
import { descriptionOrThrow, endpointUrlOrThrow, eventTypesOrThrow, overlapOrThrow } from './webhook.rules.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

export interface EndpointInput {
  readonly url?: string | null | undefined;
  readonly eventTypes?: readonly string[] | null | undefined;
  readonly description?: string | null | undefined;
  readonly enabled?: boolean | null | undefined;
}

const messageId = () => `msg_${randomUUID().replaceAll('-', '')}`;
const REPLAY_MAX = 1000;

function orgOrThrow(principal: Principal): { orgId: string; actor: string } {
  if (principal.kind !== 'user' || !principal.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
  return { orgId: principal.orgId, actor: principal.userId };
}

/** An organisation's webhook endpoints, the messages made for them from events, and their deliveries. */
export class WebhookService {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly guard: AddressGuard,
    private readonly allowHttp: boolean,
    private readonly clock: Clock,
  ) {}

  /** Refused before it is stored: a URL whose host is, or resolves to, an address webhooks may not reach. */
  private async safeUrlOrThrow(raw: string): Promise<string> {
    const url = endpointUrlOrThrow(raw, this.allowHttp);
    try {
      await this.guard.resolveOrThrow(url.hostname);
    } catch (err) {
      const why = err instanceof UnsafeAddressError ? err.message : `${url.hostname} does not resolve`;
      throw appError('UNSAFE_WEBHOOK_URL', `Webhooks cannot be sent there: ${why}`, { field: 'url' });
    }
    return url.toString();
  }

  list(principal: Principal): Promise<EndpointRow[]> {
    return inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt)));
  }

  private async endpointOrThrow(tx: Tx, id: string): Promise<EndpointRow> {
    const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, uuidOrThrow(id, 'id'))).for('update');
    if (!row) throw appError('NOT_FOUND', 'No such webhook endpoint');
    return row;
  }

  /** Creates an endpoint; its secret is in the answer this once, and stored only sealed. */
  async create(principal: Principal, input: Required<Pick<EndpointInput, 'url' | 'eventTypes'>> & EndpointInput, audit: (tx: Tx) => Promise<void>): Promise<{ endpoint: EndpointRow; secret: string }> {
    const { orgId, actor } = orgOrThrow(principal);
    const url = await this.safeUrlOrThrow(input.url ?? '');
    const eventTypes = eventTypesOrThrow(input.eventTypes ?? []);
    const description = descriptionOrThrow(input.description ?? '');
    const secret = generateSecret();
    return inTenant(this.db, scopeOf(principal), async (tx) => {
      const [endpoint] = await tx.insert(webhookEndpoints).values({ orgId, url, eventTypes, description, secret: this.box.seal(secret), createdBy: actor }).returning();
      await audit(tx);
      return { endpoint: endpoint!, secret };
    });
  }

  async update(principal: Principal, id: string, input: EndpointInput, audit: (tx: Tx) => Promise<void>): Promise<EndpointRow> {
    orgOrThrow(principal);
    const url = input.url != null ? await this.safeUrlOrThrow(input.url) : undefined;
    const eventTypes = input.eventTypes != null ? eventTypesOrThrow(input.eventTypes) : undefined;
    const description = input.description != null ? descriptionOrThrow(input.description) : undefined;
    return inTenant(this.db, scopeOf(principal), async (tx) => {
      const endpoint = await this.endpointOrThrow(tx, id);
      const enabling = input.enabled === true && !endpoint.enabled;
      const [row] = await tx
        .update(webhookEndpoints)
        .set({
          ...(url ? { url } : {}),
          ...(eventTypes ? { eventTypes } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(input.enabled != null ? { enabled: input.enabled, disabledReason: input.enabled ? null : 'disabled by an administrator' } : {}),
          ...(enabling ? { failingSince: null } : {}),
        })
        .where(eq(webhookEndpoints.id, endpoint.id))
        .returning();
      await audit(tx);
      return row!;
    });
  }

  async remove(principal: Principal, id: string, audit: (tx: Tx) => Promise<void>): Promise<boolean> {
    orgOrThrow(principal);
    return inTenant(this.db, scopeOf(principal), async (tx) => {
      const endpoint = await this.endpointOrThrow(tx, id);
      await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
      await audit(tx);
      return true;
    });
  }

  /** A new secret, shown once; the old one keeps signing (a second signature) for `overlapHours`. */
  async rotate(principal: Principal, id: string, overlapHours: number, audit: (tx: Tx) => Promise<void>): Promise<{ endpoint: EndpointRow; secret: string }> {
    orgOrThrow(principal);
    const hours = overlapOrThrow(overlapHours);
    const secret = generateSecret();
    return inTenant(this.db, scopeOf(principal), async (tx) => {
      const endpoint = await this.endpointOrThrow(tx, id);
      const [row] = await tx
        .update(webhookEndpoints)
        .set({ secret: this.box.seal(secret), previousSecret: hours > 0 ? endpoint.secret : null, previousSecretExpiresAt: hours > 0 ? new Date(this.clock.now().getTime() + hours * 3600_000) : null })
        .where(eq(webhookEndpoints.id, endpoint.id))
        .returning();
      await audit(tx);
      return { endpoint: row!, secret };
    });
  }

  /** The secrets that sign now: the current one, and the previous one during its overlap. */
  secretsOf(endpoint: EndpointRow, now: Date): string[] {
    const previous = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? [this.box.open(endpoint.previousSecret)] : [];
    return [this.box.open(endpoint.secret), ...previous];
  }

  /** In the consumer's transaction: the event's message, and a delivery to each enabled endpoint that wants it. */
  async enqueueEvent(tx: Tx, event: EventEnvelope): Promise<void> {
    const body = event.orgId ? eventBody(event) : null;
    if (!body || !event.orgId) return;
    const wanting = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.orgId, event.orgId), eq(webhookEndpoints.enabled, true), arrayContains(webhookEndpoints.eventTypes, [event.type])));
    if (wanting.length === 0) return;
    const [message] = await tx.insert(webhookMessages).values({ id: messageId(), orgId: event.orgId, eventType: event.type, eventId: event.id, body }).onConflictDoNothing().returning();
    if (!message) return;
    const now = this.clock.now();
    await tx.insert(webhookDeliveries).values(wanting.map((e) => ({ orgId: event.orgId!, endpointId: e.id, messageId: message.id, nextAttemptAt: now }))).onConflictDoNothing();
  }

  /** "Send test event": a `webhook.test` message to this endpoint, delivered like any other. */
  async sendTest(principal: Principal, endpointId: string, audit: (tx: Tx) => Promise<void>): Promise<DeliveryRow> {
    const { orgId } = orgOrThrow(principal);
    return inTenant(this.db, scopeOf(principal), async (tx) => {
      const endpoint = await this.endpointOrThrow(tx, endpointId);
      const now = this.clock.now();
      const [message] = await tx.insert(webhookMessages).values({ id: messageId(), orgId, eventType: TEST_EVENT_TYPE, body: webhookBody(TEST_EVENT_TYPE, now.toISOString(), { endpointId: endpoint.id, message: 'A test event from Etika' }) }).returning();
      const [delivery] = await tx.insert(webhookDeliveries).values({ orgId, endpointId: endpoint.id, messageId: message!.id, nextAttemptAt: now }).returning();
      await audit(tx);
      return delivery!;
    });
  }

  /** Sends a delivery's message again, as a new delivery with its own attempts (the same `webhook-id`). */
  async replay(principal: Principal, deliveryId: string, audit: (tx: Tx) => Promise<void>): Promise<DeliveryRow> {
    const { orgId } = orgOrThrow(principal);
    return inTenant(this.db, scopeOf(principal), async (tx) => {
      const [original] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, uuidOrThrow(deliveryId, 'deliveryId')));
      if (!original) throw appError('NOT_FOUND', 'No such delivery');
      const endpoint = await this.endpointOrThrow(tx, original.endpointId);
      if (!endpoint.enabled) throw appError('CONFLICT', 'Enable the endpoint before replaying to it');
      const [replay] = await tx.insert(webhookDeliveries).values({ orgId, endpointId: endpoint.id, messageId: original.messageId, replayOf: original.id, nextAttemptAt: this.clock.now() }).returning();
      await audit(tx);
      return replay!;
    });
  }

  /** Replays every message the endpoint was sent since `since` (at most `REPLAY_MAX`); answers how many. */
  async replaySince(principal: Principal, endpointId: string, since: Date, audit: (tx: Tx) => Promise<void>): Promise<number> {
    const { orgId } = orgOrThrow(principal);
    return inTenant(this.db, scopeOf(principal), async (tx) => {
      const endpoint = await this.endpointOrThrow(tx, endpointId);
      if (!endpoint.enabled) throw appError('CONFLICT', 'Enable the endpoint before replaying to it');
      const firsts = await tx
        .select({ id: webhookDeliveries.id, messageId: webhookDeliveries.messageId })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.endpointId, endpoint.id), gte(webhookDeliveries.createdAt, since), or(eq(webhookDeliveries.status, 'failed'), eq(webhookDeliveries.status, 'succeeded'))))
        .orderBy(webhookDeliveries.createdAt)
        .limit(REPLAY_MAX);
      const now = this.clock.now();
      const unique = [...new Map(firsts.map((f) => [f.messageId, f])).values()];
      if (unique.length) await tx.insert(webhookDeliveries).values(unique.map((f) => ({ orgId, endpointId: endpoint.id, messageId: f.messageId, replayOf: f.id, nextAttemptAt: now })));
      await audit(tx);
      return unique.length;
    });
  }

  /** An endpoint's deliveries, newest first, with their event types; `before` pages back. */
  async deliveries(principal: Principal, endpointId: string, first: number, before: Date | null): Promise<(DeliveryRow & { eventType: string })[]> {
    return inTenant(this.db, scopeOf(principal), async (tx) =>
      (
        await tx
          .select({ d: webhookDeliveries, eventType: webhookMessages.eventType })
          .from(webhookDeliveries)
          .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
          .where(and(eq(webhookDeliveries.endpointId, endpointId), before ? lt(webhookDeliveries.createdAt, before) : undefined))
          .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
          .limit(Math.min(Math.max(first, 1), 100))
      ).map((r) => ({ ...r.d, eventType: r.eventType })),
    );
  }

  async attemptsOf(principal: Principal, deliveryIds: readonly string[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    return inTenant(this.db, scopeOf(principal), (tx) => tx.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, [...deliveryIds])).orderBy(webhookAttempts.attempt));
  }
}
