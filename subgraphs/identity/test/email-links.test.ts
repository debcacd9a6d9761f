import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '@etika/kit';
import { dataOrThrow, startSubgraphTest, userPrincipal, type SubgraphTest } from '@etika/kit/testing';
import { org } from '@etika/org';
import { EVENT_PAYLOADS, EVENT_TYPES } from '@etika/schema';
import { identity } from '../src/index.ts';
import { openMailToken, PASSWORD, principalOf, signUp } from './fixtures.ts';

/** Sign-up confirmed by mail and "forgot password": identity asks for each mail with an event in its outbox. */
let p: SubgraphTest;
beforeAll(async () => {
  p = await startSubgraphTest(identity, { peers: [org] });
});
afterAll(() => p?.close());

type Event = { type: string; payload: Record<string, unknown> };
async function outbox(): Promise<Event[]> {
  return p.database.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.system', 'outbox-relay', true)`);
    const rows = await queryRows<{ type: string; payload: unknown }>(tx, sql`select type, payload from identity.outbox order by occurred_at, id`);
    return rows.map((r) => ({ type: r.type, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown> }));
  });
}
const mailsTo = async (email: string) => (await outbox()).filter((e) => e.type === EVENT_TYPES.identityMailRequested && e.payload['email'] === email);

const REQUEST = 'mutation($input: SignUpRequestInput!) { requestSignUp(input: $input) }';
const COMPLETE = 'mutation($t: String!) { completeSignUp(token: $t) { accessToken refreshToken userId } }';
const FORGOT = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }';
const SIGN_IN = 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken refreshToken } } }';
const fresh = () => `person.${randomUUID().slice(0, 8)}@test.etika.dev`;

describe('sign-up confirmed by mail', () => {
  it('answers alike for a new address and one that has an account; only the mail differs', async () => {
    const [taken, free] = [fresh(), fresh()];
    await signUp(p, taken);
    const a = await p.execute(REQUEST, { input: { email: taken, password: PASSWORD, language: 'FR' } });
    const b = await p.execute(REQUEST, { input: { email: free, password: PASSWORD, language: 'FR' } });
    expect(a).toEqual(b);
    expect(a.data).toEqual({ requestSignUp: true });
    const [toTaken] = await mailsTo(taken);
    expect(toTaken!.payload).toMatchObject({ kind: 'account-exists', sealedToken: null, locale: 'en' });
    const [toFree] = await mailsTo(free);
    expect(toFree!.payload).toMatchObject({ kind: 'verify-email', locale: 'fr' });
    expect(EVENT_PAYLOADS[EVENT_TYPES.identityMailRequested].safeParse(toFree!.payload).success).toBe(true);
    // version 1 of the contract carried the secret in clear: a payload with it is refused
    const { sealedToken: _sealed, ...rest } = toFree!.payload;
    expect(EVENT_PAYLOADS[EVENT_TYPES.identityMailRequested].safeParse({ ...rest, token: openMailToken(p, toFree!.payload) }).success).toBe(false);
    expect(JSON.stringify(toFree!.payload)).not.toContain(openMailToken(p, toFree!.payload));
    const users = await queryRows<{ n: number }>(p.database.db, sql`select count(*)::int as n from identity.users where email = ${free}`);
    expect(Number(users[0]!.n)).toBe(0);
  });

  it('the link creates the account with its address confirmed and signs in, once', async () => {
    const email = fresh();
    dataOrThrow(await p.execute(REQUEST, { input: { email, password: PASSWORD, language: 'FR' } }));
    const token = openMailToken(p, (await mailsTo(email))[0]!.payload);
    const session = dataOrThrow(await p.execute<{ completeSignUp: { accessToken: string; userId: string } }>(COMPLETE, { t: token })).completeSignUp;
    const me = await p.execute<{ me: { email: string; language: string } }>('{ me { email language } }', {}, await principalOf(p, session.accessToken));
    expect(me.data!.me).toEqual({ email, language: 'FR' });
    const changed = (await outbox()).find((e) => e.type === EVENT_TYPES.identityUserChanged && e.payload['userId'] === session.userId)!;
    expect(changed.payload).toMatchObject({ email, locale: 'fr', emailVerified: true });
    expect((await p.execute(COMPLETE, { t: token })).errors?.[0]?.extensions?.code).toBe('LINK_EXPIRED');
    expect((await p.execute(COMPLETE, { t: 'not-a-link' })).errors?.[0]?.extensions?.code).toBe('LINK_EXPIRED');
  });

  it('an expired link creates nothing; a weak password is refused before any mail', async () => {
    const email = fresh();
    dataOrThrow(await p.execute(REQUEST, { input: { email, password: PASSWORD } }));
    await p.database.db.execute(sql`update identity.account_links set expires_at = now() - interval '1 second' where email = ${email}`);
    expect((await p.execute(COMPLETE, { t: openMailToken(p, (await mailsTo(email))[0]!.payload) })).errors?.[0]?.extensions?.code).toBe('LINK_EXPIRED');
    const weak = fresh();
    expect((await p.execute(REQUEST, { input: { email: weak, password: 'short' } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await mailsTo(weak)).toEqual([]);
  });
});

describe('forgot password', () => {
  it('answers alike for an unknown address, and mails a link only to an account', async () => {
    const unknown = fresh();
    expect((await p.execute(FORGOT, { e: unknown })).data).toEqual({ requestPasswordReset: true });
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it('the link sets a new password once, ends every session, and the other links of the account stop working', async () => {
    const email = fresh();
    await signUp(p, email);
    const signedIn = dataOrThrow(await p.execute<{ signIn: { session: { accessToken: string; refreshToken: string } } }>(SIGN_IN, { input: { email, password: PASSWORD } })).signIn.session;
    dataOrThrow(await p.execute(FORGOT, { e: email }));
    dataOrThrow(await p.execute(FORGOT, { e: email }));
    const [first, second] = (await mailsTo(email)).map((m) => openMailToken(p, m.payload));
    expect((await mailsTo(email))[0]!.payload).toMatchObject({ kind: 'reset-password', locale: 'en' });
    const NEW = 'a different horse battery';
    expect((await p.execute(RESET, { t: first, p: NEW })).data).toEqual({ resetPassword: true });
    expect((await p.execute(RESET, { t: first, p: 'yet another horse battery' })).errors?.[0]?.extensions?.code).toBe('LINK_EXPIRED');
    expect((await p.execute(RESET, { t: second, p: 'yet another horse battery' })).errors?.[0]?.extensions?.code).toBe('LINK_EXPIRED');
    const refreshed = await p.execute('mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', { t: signedIn.refreshToken });
    expect(refreshed.errors?.[0]?.extensions?.code).toBeDefined();
    // the subgraph refuses the old session's access token before any resolver (401 SESSION_REVOKED)
    await expect(p.execute('{ me { email } }', {}, await principalOf(p, signedIn.accessToken))).rejects.toThrow(/session has ended/);
    expect((await p.execute(SIGN_IN, { input: { email, password: PASSWORD } })).errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect((await p.execute(SIGN_IN, { input: { email, password: NEW } })).errors).toBeUndefined();
  });
});

describe('what identity tells the notification subgraph', () => {
  it('a change of language, and API keys made and revoked in an organisation', async () => {
    const email = fresh();
    const { accessToken, userId } = await signUp(p, email);
    dataOrThrow(await p.execute('mutation { setMyLanguage(language: FR) { language } }', {}, await principalOf(p, accessToken)));
    const changes = (await outbox()).filter((e) => e.type === EVENT_TYPES.identityUserChanged && e.payload['userId'] === userId);
    expect(changes.map((c) => c.payload['locale'])).toEqual(['en', 'fr']);
    const orgId = randomUUID();
    const admin = userPrincipal(userId, orgId, 'admin');
    const created = dataOrThrow(await p.execute<{ createApiKey: { apiKey: { id: string } } }>('mutation { createApiKey(input: { name: "Till", scopes: ["token:read"] }) { apiKey { id } } }', {}, admin)).createApiKey.apiKey.id;
    dataOrThrow(await p.execute('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: created }, admin));
    const keys = (await outbox()).filter((e) => e.payload['apiKeyId'] === created);
    expect(keys.map((k) => [k.type, k.payload['orgId'], k.payload['actorId']])).toEqual([
      [EVENT_TYPES.identityApiKeyCreated, orgId, userId],
      [EVENT_TYPES.identityApiKeyRevoked, orgId, userId],
    ]);
  });
});

describe('links are limited', () => {
  it('per mailbox: the sixth request in an hour is refused, and asks for no mail', async () => {
    const email = fresh();
    await signUp(p, email);
    for (let i = 0; i < 5; i += 1) dataOrThrow(await p.execute(FORGOT, { e: email }));
    expect((await p.execute(FORGOT, { e: email })).errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(await mailsTo(email)).toHaveLength(5);
  });
});

describe('the old sign-up in production', () => {
  it('is refused, so no answer tells whether an address has an account; sign-up by mail still works', async () => {
    const prod = await startSubgraphTest(identity, { peers: [org], production: true });
    try {
      const SIGN_UP = 'mutation($input: CredentialsInput!) { signUp(input: $input) { userId } }';
      const refused = await prod.execute(SIGN_UP, { input: { email: fresh(), password: PASSWORD } });
      expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(refused.data ?? null).toBeNull();
      const requested = await prod.execute(REQUEST, { input: { email: fresh(), password: PASSWORD, language: 'EN' } });
      expect(requested.errors).toBeUndefined();
    } finally {
      await prod.close();
    }
  });
});
