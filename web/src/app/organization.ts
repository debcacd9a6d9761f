import type { ApolloClient } from '@apollo/client';
import { graphql } from '../gql/shell/index.ts';
import { session } from './session.ts';

export const SWITCH = graphql(`
  mutation SwitchOrganization($organizationId: ID!) {
    switchOrganization(organizationId: $organizationId) {
      accessToken
    }
  }
`);

/**
 * Acts in another organisation: a new access token, then every query again for it. Queries in flight when the
 * store resets are cancelled on purpose; their cancellation is not an error anyone needs to see.
 */
export async function switchOrganization(client: ApolloClient, organizationId: string): Promise<void> {
  const r = await client.mutate({ mutation: SWITCH, variables: { organizationId } });
  if (!r.data) return;
  session.signIn(r.data.switchOrganization.accessToken);
  await client.resetStore().catch(() => undefined);
}
