import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Logger, Tx } from '@etika/kit';
import type { Clock } from '../clock.ts';
import { asSystem } from '../mail/mail.service.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from '../tables.ts';
import { failingTooLong, nextAttemptDelayMs, outcomeOf, type AttemptResult } from './schedule.ts';
import type { SenderOptions } from './sender.ts';
import { sendWebhook } from './sender.ts';
import { webhookHeaders } from './signature.ts';
import type { WebhookService } from './webhook.service.ts';

interface Claimed {
  readonly deliveryId: string;
  readonly orgId: string;
  readonly attempt: number;
  readonly endpoint: typeof webhookEndpoints.$inferSelect;
  readonly message: typeof webhookMessages.$inferSelect;
}

export interface WorkerOptions extends SenderOptions {
  readonly random?: () => number;
  readonly batch?: number;
}

/**
 * Delivers due webhook attempts. Each attempt is claimed first (its row written as `sending`, the delivery taken off
 * the due list) and committed before the request leaves, so no two workers and no restart send the same attempt;
 * an attempt a crash interrupted is found later and counted as failed, and the next one is scheduled.
 */
export class WebhookWorker {
  constructor(
    private readonly db: Db,
    private readonly webhooks: WebhookService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: WorkerOptions,
  ) {}

  /** Attempts left `sending` longer than a request can take were interrupted: they failed. */
  private get interruptedAfterMs(): number {
    return this.options.timeoutMs * (this.options.maxRedirects + 1) + 60_000;
  }

  /** One pass: recovers interrupted attempts, then sends every due one; returns how many were sent. */
  async runDue(): Promise<number> {
    await this.recoverInterrupted();
    const claimed = await this.claim();
    await Promise.all(claimed.map((c) => this.attempt(c)));
    return claimed.length;
  }

  private async claim(): Promise<Claimed[]> {
    const now = this.clock.now();
    return asSystem(this.db, async (tx) => {
      // lock the due deliveries themselves (one table: FOR UPDATE cannot name a schema-qualified one in a join)
      const locked = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            lte(webhookDeliveries.nextAttemptAt, now),
            sql`exists (select 1 from notification.webhook_endpoints e where e.id = ${webhookDeliveries.endpointId} and e.enabled)`,
          ),
        )
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(this.options.batch ?? 50)
        .for('update', { skipLocked: true });
      if (locked.length === 0) return [];
      const due = await tx
        .select({ d: webhookDeliveries, endpoint: webhookEndpoints, message: webhookMessages })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
        .where(inArray(webhookDeliveries.id, locked.map((l) => l.id)));
      const claimed: Claimed[] = due.map(({ d, endpoint, message }) => ({ deliveryId: d.id, orgId: d.orgId, attempt: d.attempts + 1, endpoint, message }));
      await tx.insert(webhookAttempts).values(claimed.map((c) => ({ orgId: c.orgId, deliveryId: c.deliveryId, attempt: c.attempt, startedAt: now })));
      await tx
        .update(webhookDeliveries)
        .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: null })
        .where(inArray(webhookDeliveries.id, claimed.map((c) => c.deliveryId)));
      return claimed;
    });
  }

  private async attempt(c: Claimed): Promise<void> {
    const now = this.clock.now();
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = webhookHeaders(this.webhooks.secretsOf(c.endpoint, now), c.message.id, timestamp, c.message.body);
    const result = await sendWebhook(c.endpoint.url, headers, c.message.body, this.options);
    await asSystem(this.db, (tx) => this.complete(tx, c, result));
  }

  private async complete(tx: Tx, c: Claimed, result: AttemptResult): Promise<void> {
    const now = this.clock.now();
    const outcome = outcomeOf(result);
    // the endpoint first, then its deliveries, in every transaction that changes both: no two can wait on each other.
    // A success locks the endpoint only when it ends a run of failures, so successes to one endpoint do not queue.
    if (outcome === 'succeeded') {
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(and(eq(webhookEndpoints.id, c.endpoint.id), isNotNull(webhookEndpoints.failingSince)));
    } else {
      await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, c.endpoint.id)).for('update');
    }
    const [still] = await tx
      .update(webhookAttempts)
      .set({
        outcome: outcome === 'succeeded' ? 'succeeded' : 'failed',
        durationMs: result.durationMs,
        responseStatus: result.kind === 'response' ? result.status : null,
        responseExcerpt: result.kind === 'response' ? result.excerpt : null,
        error: result.kind === 'error' ? result.error : null,
      })
      .where(and(eq(webhookAttempts.deliveryId, c.deliveryId), eq(webhookAttempts.attempt, c.attempt), eq(webhookAttempts.outcome, 'sending')))
      .returning({ id: webhookAttempts.id });
    // counted as interrupted meanwhile (this worker was presumed dead): the delivery has moved on without it
    if (!still) return;
    if (outcome === 'succeeded') {
      await tx.update(webhookDeliveries).set({ status: 'succeeded' }).where(eq(webhookDeliveries.id, c.deliveryId));
      return;
    }
    await this.failed(tx, c.deliveryId, c.attempt, c.endpoint.id, now, outcome === 'gone' ? 'the endpoint answered 410 Gone' : null);
  }

  /** Schedules the next attempt or ends the delivery; disables the endpoint on 410 or after 5 days of failures. */
  private async failed(tx: Tx, deliveryId: string, attempt: number, endpointId: string, now: Date, disableReason: string | null): Promise<void> {
    const delay = nextAttemptDelayMs(attempt, this.options.random);
    await tx
      .update(webhookDeliveries)
      .set(delay === null || disableReason ? { status: 'failed', nextAttemptAt: null } : { nextAttemptAt: new Date(now.getTime() + delay) })
      .where(eq(webhookDeliveries.id, deliveryId));
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(eq(webhookEndpoints.id, endpointId))
      .returning();
    if (!endpoint || !endpoint.enabled) return;
    const reason = disableReason ?? (failingTooLong(endpoint.failingSince, now) ? 'every delivery failed for 5 days' : null);
    if (reason) await this.disable(tx, endpoint, reason);
  }

  private async disable(tx: Tx, endpoint: typeof webhookEndpoints.$inferSelect, reason: string): Promise<void> {
    await tx.update(webhookEndpoints).set({ enabled: false, disabledReason: reason }).where(eq(webhookEndpoints.id, endpoint.id));
    await tx.update(webhookDeliveries).set({ status: 'failed', nextAttemptAt: null }).where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, 'pending')));
    this.logger.warn({ endpointId: endpoint.id, reason }, 'webhook endpoint disabled');
    const event = { id: randomUUID(), type: 'notification.webhook.disabled', orgId: endpoint.orgId, occurredAt: this.clock.now().toISOString(), payload: {} };
    await this.notifications.deliver(tx, event, endpoint.orgId, [{ audience: { to: 'admins' }, kind: 'webhook.disabled', params: { endpointId: endpoint.id, url: endpoint.url, reason } }]);
  }

  private async recoverInterrupted(): Promise<void> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.interruptedAfterMs);
    await asSystem(this.db, async (tx) => {
      const interrupted = and(
        eq(webhookDeliveries.status, 'pending'),
        isNull(webhookDeliveries.nextAttemptAt),
        sql`exists (select 1 from notification.webhook_attempts a where a.delivery_id = ${webhookDeliveries.id} and a.outcome = 'sending' and a.started_at <= ${cutoff.toISOString()}::timestamptz)`,
      );
      const endpoints = await tx.selectDistinct({ id: webhookDeliveries.endpointId }).from(webhookDeliveries).where(interrupted);
      if (endpoints.length === 0) return;
      // endpoints before deliveries, as `complete` does
      await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(inArray(webhookEndpoints.id, endpoints.map((e) => e.id))).for('update');
      const locked = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            isNull(webhookDeliveries.nextAttemptAt),
            sql`exists (select 1 from notification.webhook_attempts a where a.delivery_id = ${webhookDeliveries.id} and a.outcome = 'sending' and a.started_at <= ${cutoff.toISOString()}::timestamptz)`,
          ),
        )
        .for('update', { skipLocked: true });
      if (locked.length === 0) return;
      const stuck = await tx
        .select({ a: webhookAttempts, endpointId: webhookDeliveries.endpointId })
        .from(webhookAttempts)
        .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
        .where(and(eq(webhookAttempts.outcome, 'sending'), inArray(webhookAttempts.deliveryId, locked.map((l) => l.id))));
      for (const { a, endpointId } of stuck) {
        this.logger.warn({ deliveryId: a.deliveryId, attempt: a.attempt }, 'webhook attempt interrupted; counted as failed');
        await tx.update(webhookAttempts).set({ outcome: 'failed', error: 'interrupted before an answer was recorded' }).where(eq(webhookAttempts.id, a.id));
        await this.failed(tx, a.deliveryId, a.attempt, endpointId, now, null);
      }
    });
  }
}
