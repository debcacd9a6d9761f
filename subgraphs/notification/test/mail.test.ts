import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, queryRows } from '@etika/kit';
import { asSystem, startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { EVENT_TYPES } from '@etika/schema';
import { notification } from '../src/index.ts';
import { MailService, MAIL_RETRY_SECONDS } from '../src/mail/mail.service.ts';
import { smtpTransport } from '../src/mail/smtp.ts';
import { envelope, joined, person, publish } from './events.ts';

/** Mail through a real SMTP server started here: sent once, in the person's language, kept and retried while it is down. */
interface Received {
  readonly to: string[];
  readonly raw: string;
}

const received: Received[] = [];
let refuse = false;

function smtp(port = 0): Promise<{ server: SMTPServer; port: number }> {
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse) return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  };
  const server = new SMTPServer(options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.server.address() as AddressInfo).port }));
  });
}

const close = (server: SMTPServer) => new Promise<void>((r) => server.close(() => r()));
const messageIdOf = (raw: string) => /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim();

let p: SubgraphTest;
let server: SMTPServer;
let port: number;
// ahead of the wall clock the subgraph's own consumers enqueue with, so what they enqueue is due
let now = new Date(Date.now() + 60_000);
const clock = { now: () => now };
let mail: MailService;

beforeAll(async () => {
  ({ server, port } = await smtp());
  const url = `smtp://127.0.0.1:${port}`;
  p = await startSubgraphTest(notification, { settings: { DELIVERY_INTERVAL_MS: 0, SMTP_URL: url } });
  mail = new MailService(p.database.db, smtpTransport(url), 'Etika <no-reply@etika.local>', clock, createLogger('notification', 'silent'));
});
afterAll(async () => {
  await p?.close();
  await close(server);
});

const [orgA, fr, en] = [randomUUID(), randomUUID(), randomUUID()];

async function mails(): Promise<{ to_address: string; status: string; attempts: number }[]> {
  // mails belong to no organisation: only notification's own passes read them
  return asSystem(p.database.db, 'notification', (tx) => queryRows(tx, sql`select to_address, status, attempts from notification.mails order by created_at, id`));
}

describe('mail over SMTP', () => {
  it('sends a notification in the person’s language with a plain-text part, and an invitation to an address with no account', async () => {
    await publish(p.bus, p.database, person(fr, 'fr@example.com', 'fr'), person(en, 'en@example.com', 'en', false));
    await publish(p.bus, p.database, joined(orgA, fr, 'admin', 'member'), joined(orgA, en, 'admin', 'member'));
    await publish(p.bus, p.database, envelope(EVENT_TYPES.orgInvitationCreated, orgA, { invitationId: randomUUID(), orgId: orgA, organizationName: 'Acme', email: 'nobody@example.com', role: 'member', invitedBy: fr, expiresAt: new Date().toISOString() }));
    expect(await mail.sendDue()).toBe(2);
    const toFr = received.find((r) => r.to.includes('fr@example.com'))!;
    expect(toFr.raw).toMatch(/Subject: =\?UTF-8\?Q\?Votre_r=C3=B4le_a_chang=C3=A9\?=|Subject: Votre rôle a changé/);
    expect(toFr.raw).toContain('Content-Type: text/plain');
    expect(toFr.raw).toContain('Content-Type: text/html');
    const invite = received.find((r) => r.to.includes('nobody@example.com'))!;
    expect(invite.raw).toContain('http://localhost:4000/invitations');
    // an unverified address receives no notification mail
    expect(received.some((r) => r.to.includes('en@example.com'))).toBe(false);
    expect(await mail.sendDue()).toBe(0);
  });

  it('keeps mail while the server is down or refuses, retries on its schedule, and sends each mail once when it is back', async () => {
    received.length = 0;
    await close(server);
    await publish(p.bus, p.database, joined(orgA, fr, 'member', 'admin'));
    expect(await mail.sendDue()).toBe(0);
    expect((await mails()).at(-1)).toEqual({ to_address: 'fr@example.com', status: 'pending', attempts: 1 });
    // not due again before its delay
    now = new Date(now.getTime() + MAIL_RETRY_SECONDS[0] * 1000 - 1000);
    expect(await mail.sendDue()).toBe(0);
    expect((await mails()).at(-1)!.attempts).toBe(1);
    // back, but refusing with 451
    ({ server } = await smtp(port));
    refuse = true;
    now = new Date(now.getTime() + 2000);
    expect(await mail.sendDue()).toBe(0);
    expect((await mails()).at(-1)!.attempts).toBe(2);
    refuse = false;
    now = new Date(now.getTime() + MAIL_RETRY_SECONDS[1] * 1000 + 1000);
    // two senders at once: one of them sends it
    const [one, two] = await Promise.all([mail.sendDue(), mail.sendDue()]);
    expect(one + two).toBe(1);
    expect(received).toHaveLength(1);
    expect((await mails()).at(-1)).toEqual({ to_address: 'fr@example.com', status: 'sent', attempts: 3 });
    now = new Date(now.getTime() + 86_400_000);
    expect(await mail.sendDue()).toBe(0);
    expect(received).toHaveLength(1);
    expect(new Set(received.map((r) => messageIdOf(r.raw))).size).toBe(1);
  });

  it('has no development mailbox when an SMTP server is set', async () => {
    const r = await p.execute('{ developmentMailbox { id } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
