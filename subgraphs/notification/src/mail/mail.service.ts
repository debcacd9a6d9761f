import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte, lt, or, sql } from 'drizzle-orm';
import { appError, inTenant, setLocal, type Db, type Logger, type Tx } from '@etika/kit';
import type { Locale } from '@etika/schema';
import type { Clock } from '../clock.ts';
import { mails } from '../tables.ts';
import { SecretBox } from '../webhook/secrets.ts';
import { mailBody, type Rendered } from './templates.ts';

export type MailRow = typeof mails.$inferSelect;

/** What carries a mail away: SMTP through nodemailer, or nothing (the development mailbox keeps it). */
export interface MailTransport {
  send(mail: { from: string; to: string; subject: string; text: string; html: string; messageId: string }): Promise<void>;
}

/** Waits after the n-th failed try (1-based); after the last, the mail is given up on and stays readable. */
export const MAIL_RETRY_SECONDS = [10, 30, 60, 300, 900, 1800, 3600, 7200, 14_400, 28_800] as const;
const LEASE_MS = 120_000;

export function mailRetryDelayMs(failedTries: number): number | null {
  const seconds = MAIL_RETRY_SECONDS[failedTries - 1];
  return seconds === undefined ? null : seconds * 1000;
}

/** Runs `fn` as the subgraph's own workers: across people and organisations, never in a request's transaction. */
export function asSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTenant(db, { orgId: null, userId: null }, async (tx) => {
    await setLocal(tx, 'app.system', 'notification');
    return fn(tx);
  });
}

/**
 * The mail outbox. `enqueue` writes a mail in the caller's transaction (with the event that caused it), once per
 * dedupe key; `sendDue` claims due mails (SKIP LOCKED, with a lease), sends each with the same Message-ID on every
 * try, and marks it sent or schedules the next try. With no transport, mail is "sent" to the development mailbox:
 * the rows themselves, readable through `developmentMailbox`.
 */
export class MailService {
  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport | null,
    private readonly from: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Seals at rest the bodies of mails that carry a link's secret (sign-up, password reset). */
    private readonly box: SecretBox | null = null,
  ) {}

  /** A stored body as it is sent: opened when it was sealed. */
  private opened<T extends { text: string; html: string }>(mail: T): T {
    if (!this.box || !SecretBox.looksSealed(mail.text)) return mail;
    return { ...mail, text: this.box.open(mail.text), html: this.box.open(mail.html) };
  }

  get developmentMailbox(): boolean {
    return this.transport === null;
  }

  /** `secret`: the mail's link carries a secret, so its body is kept sealed and is in clear only as it is sent. */
  async enqueue(tx: Tx, mail: { dedupeKey: string; to: string; locale: Locale; template: string; rendered: Rendered; link: string | null; footer: boolean; secret?: boolean }): Promise<void> {
    const plain = mailBody(mail.rendered, mail.locale, mail.link, mail.footer);
    if (mail.secret && !this.box) throw new Error('a mail that carries a secret needs a key to keep it sealed');
    const body = mail.secret ? { text: this.box!.seal(plain.text), html: this.box!.seal(plain.html) } : plain;
    await tx
      .insert(mails)
      .values({
        dedupeKey: mail.dedupeKey,
        messageId: `<${randomUUID()}@etika.notification>`,
        toAddress: mail.to,
        locale: mail.locale,
        template: mail.template,
        subject: mail.rendered.subject,
        text: body.text,
        html: body.html,
        nextAttemptAt: this.clock.now(),
      })
      .onConflictDoNothing({ target: mails.dedupeKey });
  }

  /** One pass over the due mails; returns how many were sent. */
  async sendDue(limit = 20): Promise<number> {
    const now = this.clock.now();
    const claimed = await asSystem(this.db, async (tx) => {
      const due = await tx
        .select({ id: mails.id })
        .from(mails)
        .where(and(eq(mails.status, 'pending'), lte(mails.nextAttemptAt, now), or(isNull(mails.lockedUntil), lt(mails.lockedUntil, now))))
        .orderBy(asc(mails.nextAttemptAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(mails)
        .set({ lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${mails.attempts} + 1` })
        .where(inArray(mails.id, due.map((d) => d.id)))
        .returning();
    });
    let sent = 0;
    for (const row of claimed) {
      const mail = this.opened(row);
      try {
        await this.transport?.send({ from: this.from, to: mail.toAddress, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
        await asSystem(this.db, (tx) => tx.update(mails).set({ status: 'sent', sentAt: this.clock.now(), lockedUntil: null, lastError: null }).where(eq(mails.id, mail.id)));
        sent += 1;
      } catch (err) {
        const delay = mailRetryDelayMs(mail.attempts);
        const lastError = String((err as Error).message ?? err).slice(0, 500);
        this.logger.warn({ mailId: mail.id, attempts: mail.attempts, err: lastError }, delay === null ? 'mail given up' : 'mail failed; will retry');
        await asSystem(this.db, (tx) =>
          tx
            .update(mails)
            .set(delay === null ? { status: 'failed', lockedUntil: null, lastError } : { nextAttemptAt: new Date(this.clock.now().getTime() + delay), lockedUntil: null, lastError })
            .where(eq(mails.id, mail.id)),
        );
      }
    }
    return sent;
  }

  /** The development mailbox, newest first: only when no SMTP server is configured and not in production. */
  async mailbox(production: boolean, first: number): Promise<MailRow[]> {
    if (production || !this.developmentMailbox) throw appError('NOT_FOUND', 'There is no development mailbox here: mail goes to the SMTP server');
    const rows = await asSystem(this.db, (tx) => tx.select().from(mails).orderBy(desc(mails.createdAt), desc(mails.id)).limit(Math.min(Math.max(first, 1), 100)));
    return rows.map((row) => this.opened(row));
  }
}
