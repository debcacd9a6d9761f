import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@etika/kit';
import { asSystem, dataOrThrow, startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import { identity } from '@etika/identity';
import { PASSWORD, principalOf } from '@etika/identity/testing';
import { org } from '@etika/org';
import { EVENT_TYPES, type EventEnvelope, type Principal } from '@etika/schema';
import { notification } from '../src/index.ts';

/**
 * The producers' real events through the real bus: identity's mail flows and org's invitations reach people through
 * this subgraph's development mailbox, and in-app notifications reach the right person.
 */
let p: SubgraphTest;
const published: EventEnvelope[] = [];
beforeAll(async () => {
  p = await startSubgraphTest(notification, { peers: [org, identity], settings: { DELIVERY_INTERVAL_MS: 50 } });
  // what anyone reading the bus sees of identity's mail requests
  p.bus.subscribe('test-reader', [EVENT_TYPES.identityMailRequested], async (event) => void published.push(event));
});
afterAll(() => p?.close());

type Mail = { to: string; subject: string; text: string; status: string };
async function mailTo(address: string, subject: RegExp, timeoutMs = 10_000): Promise<Mail> {
  const started = Date.now();
  for (;;) {
    const box = dataOrThrow(await p.execute<{ developmentMailbox: Mail[] }>('{ developmentMailbox(first: 100) { to subject text status } }')).developmentMailbox;
    const found = box.find((m) => m.to === address && subject.test(m.subject) && m.status === 'sent');
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`no mail "${subject}" to ${address} in ${JSON.stringify(box.map((m) => [m.to, m.subject]))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function notified(who: Principal, kind: string, timeoutMs = 10_000): Promise<{ kind: string; title: string }[]> {
  const started = Date.now();
  for (;;) {
    const nodes = dataOrThrow(await p.execute<{ notifications: { nodes: { kind: string; title: string }[] } }>('{ notifications { nodes { kind title } } }', {}, who)).notifications.nodes;
    if (nodes.some((n) => n.kind === kind)) return nodes;
    if (Date.now() - started > timeoutMs) throw new Error(`no ${kind} notification in ${JSON.stringify(nodes)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const linkToken = (text: string, path: string) => new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1] ?? '';
const fresh = (who: string) => `${who}.${randomUUID().slice(0, 8)}@test.etika.dev`;

describe('mail flows and notifications across subgraphs', () => {
  let owner: { userId: string; principal: Principal; email: string };

  it('a sign-up is confirmed by the link mailed in the chosen language', async () => {
    const email = fresh('owner');
    dataOrThrow(await p.subgraph('identity').execute('mutation($input: SignUpRequestInput!) { requestSignUp(input: $input) }', { input: { email, password: PASSWORD, language: 'FR' } }));
    const mail = await mailTo(email, /Confirmez votre adresse/);
    const session = dataOrThrow(await p.subgraph('identity').execute<{ completeSignUp: { accessToken: string; userId: string } }>('mutation($t: String!) { completeSignUp(token: $t) { accessToken userId } }', { t: linkToken(mail.text, '/verify-email') })).completeSignUp;
    owner = { userId: session.userId, principal: await principalOf(p, session.accessToken), email };
  });

  it('an invitation reaches an address without an account by mail, and a person with one in the app too', async () => {
    const created = dataOrThrow(await p.subgraph('org').execute<{ createOrganization: { id: string } }>('mutation { createOrganization(input: { name: "Acme" }) { id } }', {}, owner.principal)).createOrganization.id;
    const asOwner = userPrincipal(owner.userId, created, 'owner');
    expect((await notified(asOwner, 'ROLE_CHANGED'))[0]!.title).toBe('Vous avez rejoint une organisation');
    const stranger = fresh('stranger');
    dataOrThrow(await p.subgraph('org').execute('mutation($e: String!) { inviteMember(email: $e, role: MEMBER) { id } }', { e: stranger }, asOwner));
    expect((await mailTo(stranger, /Invitation/)).text).toContain('/invitations');
    // invited before they have an account: once they sign up and confirm the address, the app tells them too
    const invitee = fresh('invitee');
    dataOrThrow(await p.subgraph('org').execute('mutation($e: String!) { inviteMember(email: $e, role: MEMBER) { id } }', { e: invitee }, asOwner));
    await mailTo(invitee, /Invitation/);
    dataOrThrow(await p.subgraph('identity').execute('mutation($input: SignUpRequestInput!) { requestSignUp(input: $input) }', { input: { email: invitee, password: PASSWORD } }));
    const confirmed = dataOrThrow(await p.subgraph('identity').execute<{ completeSignUp: { userId: string } }>('mutation($t: String!) { completeSignUp(token: $t) { userId } }', { t: linkToken((await mailTo(invitee, /Confirm your email/)).text, '/verify-email') })).completeSignUp;
    expect((await notified(userPrincipal(confirmed.userId, null, null), 'INVITATION_RECEIVED')).find((n) => n.kind === 'INVITATION_RECEIVED')!.title).toBe('Invitation to Acme');
    // an API key made in the organisation: its owner is told, in the app and by mail (a security notice)
    dataOrThrow(await p.subgraph('identity').execute('mutation { createApiKey(input: { name: "Till", scopes: ["token:read"] }) { apiKey { id } } }', {}, asOwner));
    await notified(asOwner, 'APIKEY_CREATED');
    expect((await mailTo(owner.email, /clé d’API/)).text).toContain('Till');
  });

  it('"forgot password" mails a link that resets the password once', async () => {
    dataOrThrow(await p.subgraph('identity').execute('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: owner.email }));
    const token = linkToken((await mailTo(owner.email, /Réinitialisez/)).text, '/reset-password');
    const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }';
    expect(dataOrThrow(await p.subgraph('identity').execute(RESET, { t: token, p: 'another long password' }))).toEqual({ resetPassword: true });
    expect((await p.subgraph('identity').execute(RESET, { t: token, p: 'a third long password' })).errors?.[0]?.extensions?.code).toBe('LINK_EXPIRED');
  });

  it('a link\'s secret is in neither identity\'s outbox nor the bus, and the mailed link works once', async () => {
    const email = fresh('private');
    dataOrThrow(await p.subgraph('identity').execute('mutation($input: SignUpRequestInput!) { requestSignUp(input: $input) }', { input: { email, password: PASSWORD } }));
    const signUpToken = linkToken((await mailTo(email, /Confirm your email/)).text, '/verify-email');
    dataOrThrow(await p.subgraph('identity').execute('mutation($t: String!) { completeSignUp(token: $t) { userId } }', { t: signUpToken }));
    dataOrThrow(await p.subgraph('identity').execute('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email }));
    const resetToken = linkToken((await mailTo(email, /Reset your password/)).text, '/reset-password');
    expect(signUpToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(resetToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const outbox = await asSystem(p.subgraph('identity').database.db, 'outbox-relay', (tx) => queryRows<{ payload: unknown }>(tx, sql`select payload from identity.outbox where type = ${EVENT_TYPES.identityMailRequested} and payload->>'email' = ${email}`));
    expect(outbox).toHaveLength(2);
    const onBus = published.filter((e) => (e.payload as { email?: string }).email === email);
    expect(onBus).toHaveLength(2);
    // nor at rest in notification's own mail outbox: it is in clear only in the mail sent
    const kept = await asSystem(p.database.db, 'notification', (tx) => queryRows<{ text: string; html: string }>(tx, sql`select text, html from notification.mails where to_address = ${email}`));
    expect(kept.length).toBeGreaterThanOrEqual(2);
    for (const secret of [signUpToken, resetToken]) {
      expect(JSON.stringify(outbox)).not.toContain(secret);
      expect(JSON.stringify(onBus)).not.toContain(secret);
      expect(JSON.stringify(kept)).not.toContain(secret);
    }
    const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }';
    expect(dataOrThrow(await p.subgraph('identity').execute(RESET, { t: resetToken, p: 'another long password' }))).toEqual({ resetPassword: true });
    expect((await p.subgraph('identity').execute(RESET, { t: resetToken, p: 'a third long password' })).errors?.[0]?.extensions?.code).toBe('LINK_EXPIRED');
  });
});
