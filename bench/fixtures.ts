import { bearer, dataOrThrow, graphql, inviteAndAccept } from '@etika/platform';

const PASSWORD = 'benchmark password';

/** An organisation with an owner and `members` members, all signed in and acting in it. */
export async function seedTenant(url: string, members: number) {
  const signUp = async (email: string) =>
    dataOrThrow(await graphql<{ signUp: { accessToken: string; userId: string } }>(url, 'mutation($input: CredentialsInput!) { signUp(input: $input) { accessToken userId } }', { input: { email, password: PASSWORD } })).signUp;
  const tag = Date.now();
  const owner = await signUp(`owner.${tag}@bench.etika.dev`);
  const orgId = dataOrThrow(await graphql<{ createOrganization: { id: string } }>(url, 'mutation { createOrganization(input: { name: "Bench" }) { id } }', {}, bearer(owner.accessToken))).createOrganization.id;
  const switchTo = async (token: string) =>
    dataOrThrow(await graphql<{ switchOrganization: { accessToken: string } }>(url, 'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: orgId }, bearer(token))).switchOrganization.accessToken;
  const ownerToken = await switchTo(owner.accessToken);
  const list = [];
  for (let i = 0; i < members; i++) {
    const email = `m${i}.${tag}@bench.etika.dev`;
    const m = await signUp(email);
    await inviteAndAccept(url, ownerToken, { email, token: m.accessToken }, 'MEMBER');
    list.push({ userId: m.userId, token: await switchTo(m.accessToken) });
  }
  return { orgId, ownerToken, members: list };
}
