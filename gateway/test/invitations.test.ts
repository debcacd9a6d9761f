import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '@etika/kit';
import { bearer, dataOrThrow } from '@etika/platform';
import { seedTenant, signUp, startTestPlatform, switchTo, type Tenant, type TestPlatform } from '@etika/platform/testing';

/** Adding a person is an invitation they accept: no membership without consent. */
let p: TestPlatform;
let t: Tenant;
/** Invitations one person may send in an hour, on this platform (org's `INVITATIONS_PER_INVITER_PER_HOUR`). */
const LIMIT = 20;

const INVITE = 'mutation($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id email role status organizationName expiresAt } }';
const MINE = '{ myInvitations { id organizationId organizationName role status } }';
const ACCEPT = 'mutation($id: ID!) { acceptInvitation(invitationId: $id) { id role } }';
const DECLINE = 'mutation($id: ID!) { declineInvitation(invitationId: $id) { id status } }';
const REVOKE = 'mutation($id: ID!) { revokeInvitation(invitationId: $id) { id status } }';
const MEMBERS = 'query($id: ID!) { organization(id: $id) { members { role user { id } } invitations { id email } } }';

type Invited = { inviteMember: { id: string; email: string; role: string; status: string; organizationName: string; expiresAt: string } };
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;
const address = (label: string) => `${label}.${randomUUID().slice(0, 8)}@test.etika.dev`;
const invite = (token: string, email: string, role = 'MEMBER') => p.gql<Invited>(INVITE, { email, role }, bearer(token));
const members = async () =>
  dataOrThrow(await p.gql<{ organization: { members: { role: string; user: { id: string } }[]; invitations: { id: string; email: string }[] } }>(MEMBERS, { id: t.orgId }, bearer(t.tokens.owner))).organization;

beforeAll(async () => {
  p = await startTestPlatform({ settings: { INVITATIONS_PER_INVITER_PER_HOUR: LIMIT } });
  t = await seedTenant(p, 'invitations');
});
afterAll(() => p?.close());

describe('inviting', () => {
  it('answers the same whether the address has an account or not, and gives no role before acceptance', async () => {
    const known = address('known');
    const person = await signUp(p, known);
    const unknown = address('unknown');
    const a = dataOrThrow(await invite(t.tokens.admin, known)).inviteMember;
    const b = dataOrThrow(await invite(t.tokens.admin, unknown)).inviteMember;
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect([a.status, b.status]).toEqual(['PENDING', 'PENDING']);
    expect(a.organizationName).toBe(b.organizationName);

    const org = await members();
    expect(org.members.map((m) => m.user.id)).not.toContain(person.userId);
    expect(org.invitations.map((i) => i.email)).toEqual(expect.arrayContaining([known, unknown]));
    expect(code(await p.gql('mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: t.orgId }, bearer(person.token)))).toBe('FORBIDDEN');
  });

  it('is refused above the inviter’s own role, and to a member', async () => {
    expect(code(await invite(t.tokens.admin, address('owner'), 'OWNER'))).toBe('FORBIDDEN');
    expect(code(await invite(t.tokens.member, address('friend')))).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(code(await invite(t.tokens.owner, 'not an address'))).toBe('BAD_USER_INPUT');
  });
});

describe('answering', () => {
  it('the invitee sees it, accepts it and then acts in the organisation with the role offered', async () => {
    const email = address('joiner');
    const person = await signUp(p, email);
    const invited = dataOrThrow(await invite(t.tokens.owner, email, 'AUDITOR')).inviteMember;
    const mine = dataOrThrow(await p.gql<{ myInvitations: { id: string; organizationName: string; role: string }[] }>(MINE, {}, bearer(person.token))).myInvitations;
    expect(mine).toEqual([expect.objectContaining({ id: invited.id, organizationName: 'Org invitations', role: 'AUDITOR' })]);

    const joined = dataOrThrow(await p.gql<{ acceptInvitation: { role: string } }>(ACCEPT, { id: invited.id }, bearer(person.token))).acceptInvitation;
    expect(joined.role).toBe('AUDITOR');
    const acting = await switchTo(p, person.token, t.orgId);
    expect((await p.gql('{ organizationTransactions(input: {}) { nodes { id } } }', {}, bearer(acting))).errors).toBeUndefined();
    expect(dataOrThrow(await p.gql<{ myInvitations: unknown[] }>(MINE, {}, bearer(person.token))).myInvitations).toEqual([]);
    expect(code(await p.gql(ACCEPT, { id: invited.id }, bearer(person.token)))).toBe('INVITATION_CLOSED');
  });

  it('waits for an address without an account until it signs up', async () => {
    const email = address('later');
    const invited = dataOrThrow(await invite(t.tokens.owner, email)).inviteMember;
    const person = await signUp(p, email);
    dataOrThrow(await p.gql(ACCEPT, { id: invited.id }, bearer(person.token)));
    expect((await members()).members.map((m) => m.user.id)).toContain(person.userId);
  });

  it('declined or revoked, it can no longer be accepted and gives nothing', async () => {
    const [one, two] = [address('decliner'), address('revoked')];
    const [first, second] = [await signUp(p, one), await signUp(p, two)];
    const a = dataOrThrow(await invite(t.tokens.owner, one)).inviteMember;
    const b = dataOrThrow(await invite(t.tokens.owner, two)).inviteMember;
    expect(dataOrThrow(await p.gql<{ declineInvitation: { status: string } }>(DECLINE, { id: a.id }, bearer(first.token))).declineInvitation.status).toBe('DECLINED');
    expect(dataOrThrow(await p.gql<{ revokeInvitation: { status: string } }>(REVOKE, { id: b.id }, bearer(t.tokens.admin))).revokeInvitation.status).toBe('REVOKED');
    expect(code(await p.gql(ACCEPT, { id: a.id }, bearer(first.token)))).toBe('INVITATION_CLOSED');
    expect(code(await p.gql(ACCEPT, { id: b.id }, bearer(second.token)))).toBe('INVITATION_CLOSED');
    expect(dataOrThrow(await p.gql<{ myInvitations: unknown[] }>(MINE, {}, bearer(second.token))).myInvitations).toEqual([]);
    const ids = (await members()).members.map((m) => m.user.id);
    expect(ids).not.toContain(first.userId);
    expect(ids).not.toContain(second.userId);
  });

  it('belongs to its address alone: someone else cannot see or accept it', async () => {
    const invited = dataOrThrow(await invite(t.tokens.owner, address('intended'))).inviteMember;
    const intruder = await signUp(p, address('intruder'));
    expect(dataOrThrow(await p.gql<{ myInvitations: unknown[] }>(MINE, {}, bearer(intruder.token))).myInvitations).toEqual([]);
    expect(code(await p.gql(ACCEPT, { id: invited.id }, bearer(intruder.token)))).toBe('NOT_FOUND');
    expect(code(await p.gql(ACCEPT, { id: invited.id }, bearer(t.tokens.member)))).toBe('NOT_FOUND');
  });

  it('expires: an old invitation cannot be accepted, and inviting again renews it', async () => {
    const email = address('slow');
    const person = await signUp(p, email);
    const invited = dataOrThrow(await invite(t.tokens.owner, email)).inviteMember;
    await inTenant(p.databases.org.db, { orgId: t.orgId, userId: null }, (tx) =>
      tx.execute(sql`update org.invitations set expires_at = now() - interval '1 minute' where id = ${invited.id}`),
    );
    const refused = await p.gql<unknown>(ACCEPT, { id: invited.id }, bearer(person.token));
    expect(code(refused)).toBe('INVITATION_CLOSED');
    expect((refused as { errors: { message: string }[] }).errors[0]!.message).toMatch(/expired/);
    const renewed = dataOrThrow(await invite(t.tokens.owner, email)).inviteMember;
    expect(renewed.id).toBe(invited.id);
    dataOrThrow(await p.gql(ACCEPT, { id: renewed.id }, bearer(person.token)));
  });
});

describe('throttling', () => {
  it('limits how many invitations one person sends in an hour', async () => {
    const tenant = await seedTenant(p, 'throttled');
    const answers = [];
    for (let i = 0; i < LIMIT; i++) answers.push(code(await invite(tenant.tokens.owner, address(`spray${i}`))));
    // the owner already sent three to seed the organisation: `LIMIT` in all go through, then none
    expect(answers.indexOf('TOO_MANY_REQUESTS')).toBe(LIMIT - 3);
    expect(new Set(answers.slice(LIMIT - 3))).toEqual(new Set(['TOO_MANY_REQUESTS']));
  });
});
