import { bearer, dataOrThrow, graphql } from './client.ts';

export const DEMO_PASSWORD = 'etika-demo-password';
export const DEMO_USERS = {
  owner: 'owner@demo.etika.dev',
  admin: 'admin@demo.etika.dev',
  member: 'member@demo.etika.dev',
  auditor: 'auditor@demo.etika.dev',
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

export const DEMO_ORGS = [
  { name: 'Acme Rewards', brandColor: '#0f766e' },
  { name: 'Globex Club', brandColor: '#7c3aed' },
] as const;

const SIGN_UP = `mutation SignUp($input: CredentialsInput!) { signUp(input: $input) { accessToken userId } }`;
const SIGN_IN = `mutation SignIn($input: CredentialsInput!) { signIn(input: $input) { session { accessToken } } }`;
const CREATE_ORG = `mutation CreateOrg($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const SWITCH = `mutation Switch($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }`;
const INVITE = `mutation Invite($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id } }`;
const ACCEPT = `mutation Accept($id: ID!) { acceptInvitation(invitationId: $id) { id } }`;
const DEFINE = `mutation Define($input: DefineTokenInput!) { defineToken(input: $input) { id } }`;
const ISSUE = `mutation Issue($input: MovementInput!) { issueTokens(input: $input) { id } }`;
const PRICE = `mutation Price($input: SetTokenPriceInput!) { setTokenPrice(input: $input) { unitAmount } }`;
const ME = `{ me { id } }`;

/**
 * A person joins an organisation the only way there is: someone who manages its members invites their address, and
 * they accept. Answers the new membership's id.
 */
export async function inviteAndAccept(gatewayUrl: string, managerToken: string, invitee: { email: string; token: string }, role: string): Promise<string> {
  const invited = dataOrThrow(await graphql<{ inviteMember: { id: string } }>(gatewayUrl, INVITE, { email: invitee.email, role }, bearer(managerToken)));
  const accepted = dataOrThrow(await graphql<{ acceptInvitation: { id: string } }>(gatewayUrl, ACCEPT, { id: invited.inviteMember.id }, bearer(invitee.token)));
  return accepted.acceptInvitation.id;
}

/** True when the demo owner can already sign in, i.e. an earlier start seeded the data. */
export async function isSeeded(gatewayUrl: string): Promise<boolean> {
  const r = await graphql(gatewayUrl, SIGN_IN, { input: { email: DEMO_USERS.owner, password: DEMO_PASSWORD } });
  return !r.errors?.length;
}

/**
 * Demo data through the public API (so it exercises the real path): four people, and two organisations with
 * different themes, each with a token, some issued, and a price so that people can buy more. The owner owns both;
 * admin, member and auditor belong to Acme; the member also to Globex.
 */
export async function seedDemo(gatewayUrl: string): Promise<{ orgIds: string[] }> {
  const tokens = {} as Record<DemoRole, string>;
  for (const [role, email] of Object.entries(DEMO_USERS) as [DemoRole, string][]) {
    tokens[role] = dataOrThrow(await graphql<{ signUp: { accessToken: string } }>(gatewayUrl, SIGN_UP, { input: { email, password: DEMO_PASSWORD } })).signUp.accessToken;
  }
  const userIds = {} as Record<DemoRole, string>;
  for (const role of Object.keys(DEMO_USERS) as DemoRole[]) {
    userIds[role] = dataOrThrow(await graphql<{ me: { id: string } }>(gatewayUrl, ME, {}, bearer(tokens[role]))).me.id;
  }
  const orgIds: string[] = [];
  for (const [i, org] of DEMO_ORGS.entries()) {
    const created = dataOrThrow(await graphql<{ createOrganization: { id: string } }>(gatewayUrl, CREATE_ORG, { input: org }, bearer(tokens.owner)));
    orgIds.push(created.createOrganization.id);
    const acting = dataOrThrow(await graphql<{ switchOrganization: { accessToken: string } }>(gatewayUrl, SWITCH, { id: created.createOrganization.id }, bearer(tokens.owner)));
    const members: [DemoRole, string][] = i === 0 ? [['admin', 'ADMIN'], ['member', 'MEMBER'], ['auditor', 'AUDITOR']] : [['member', 'MEMBER']];
    for (const [person, role] of members) {
      await inviteAndAccept(gatewayUrl, acting.switchOrganization.accessToken, { email: DEMO_USERS[person], token: tokens[person] }, role);
    }
    const symbol = i === 0 ? 'ACME' : 'GLX';
    const token = dataOrThrow(await graphql<{ defineToken: { id: string } }>(gatewayUrl, DEFINE, { input: { name: `${org.name} points`, symbol, decimals: 2, maxSupply: i === 0 ? null : '1000000' } }, bearer(acting.switchOrganization.accessToken)));
    for (const [role, amount] of [['member', '10000'], ['owner', '2500']] as const) {
      dataOrThrow(await graphql(gatewayUrl, ISSUE, { input: { tokenId: token.defineToken.id, toUserId: userIds[role], amount, idempotencyKey: `demo-${symbol}-${role}`, memo: 'Welcome bonus' } }, bearer(acting.switchOrganization.accessToken)));
    }
    // for sale with the sandbox: 1.00 EUR a point at Acme (1 to 1,000 points a purchase), 0.50 EUR at Globex
    const price = i === 0 ? { unitAmount: '100', perTokens: '100', minTokens: '100', maxTokens: '100000' } : { unitAmount: '50', perTokens: '100', minTokens: null, maxTokens: null };
    dataOrThrow(await graphql(gatewayUrl, PRICE, { input: { tokenId: token.defineToken.id, currency: 'EUR', ...price } }, bearer(acting.switchOrganization.accessToken)));
  }
  return { orgIds };
}
