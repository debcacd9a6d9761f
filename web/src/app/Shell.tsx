import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, ChakraProvider, Flex, HStack, Heading, Link as ChakraLink, NativeSelect, Spinner, Text } from '@chakra-ui/react';
import { useMemo } from 'react';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import type { Scope } from '@etika/schema/permissions';
import { graphql } from '../gql/index.ts';
import { messageFor } from '../ui/errors.ts';
import { session, useSession } from './session.ts';
import { DEFAULT_BRAND, brandSystem } from './theme.ts';

const SHELL = graphql(`
  query Shell {
    me {
      id
      email
      memberships {
        role
        organization {
          id
          name
          brandColor
          logoUrl
        }
      }
    }
  }
`);

const SWITCH = graphql(`
  mutation SwitchOrganization($organizationId: ID!) {
    switchOrganization(organizationId: $organizationId) {
      accessToken
    }
  }
`);

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const MODULES: { path: string; label: string; scope: Scope | null }[] = [
  { path: '/wallet', label: 'Wallet', scope: 'token:read' },
  { path: '/issuance', label: 'Issuance', scope: 'token:issue' },
  { path: '/members', label: 'Members', scope: 'members:read' },
  { path: '/api-keys', label: 'API keys', scope: 'apikeys:manage' },
  { path: '/explorer', label: 'Explorer', scope: 'chain:read' },
  { path: '/security', label: 'Security', scope: null },
  { path: '/organizations/new', label: 'New organisation', scope: null },
];

/** Sends people without a session to sign in, remembering the page they asked for. */
export function RequireSession() {
  const { accessToken } = useSession();
  const location = useLocation();
  if (!accessToken) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Shell />;
}

/** The layout every role shares, themed by the active organisation once its branding is known (no flash). */
function Shell() {
  const { claims, can } = useSession();
  const client = useApolloClient();
  const { data, loading, error } = useQuery(SHELL);
  const [switchOrg] = useMutation(SWITCH);
  const [signOut] = useMutation(SIGN_OUT);
  const active = data?.me.memberships.find((m) => m.organization.id === claims?.org)?.organization;
  const system = useMemo(() => brandSystem(active?.brandColor ?? DEFAULT_BRAND), [active?.brandColor]);
  if (loading) return <Spinner role="status" aria-label="Loading" m={8} />;
  if (error || !data) return <Text role="alert" m={8}>{messageFor(error)}</Text>;

  return (
    <ChakraProvider value={system}>
      <Flex as="header" bg="brand.solid" color="brand.contrast" px={4} py={3} gap={4} wrap="wrap" align="center">
        <Heading as="p" size="md">{active?.name ?? 'Etika'}</Heading>
        <HStack as="nav" aria-label="Modules" gap={3} flex="1" wrap="wrap" minW={{ base: 'full', md: 'auto' }}>
          {MODULES.filter((m) => m.scope === null || can(m.scope)).map((m) => (
            <ChakraLink key={m.path} asChild color="brand.contrast" fontWeight="semibold">
              <NavLink to={m.path}>{m.label}</NavLink>
            </ChakraLink>
          ))}
        </HStack>
        {data.me.memberships.length > 0 && (
          <NativeSelect.Root size="sm" width="auto">
            <NativeSelect.Field
              aria-label="Organisation"
              bg="white"
              color="black"
              value={claims?.org ?? ''}
              onChange={async (e) => {
                const r = await switchOrg({ variables: { organizationId: e.target.value } });
                if (r.data) {
                  session.signIn(r.data.switchOrganization.accessToken, null);
                  await client.resetStore();
                }
              }}
            >
              {!claims?.org && <option value="">Choose an organisation</option>}
              {data.me.memberships.map((m) => (
                <option key={m.organization.id} value={m.organization.id}>{m.organization.name}</option>
              ))}
            </NativeSelect.Field>
          </NativeSelect.Root>
        )}
        <Text fontSize="sm">{data.me.email}</Text>
        <Button size="sm" variant="outline" color="brand.contrast" onClick={async () => {
          await signOut().catch(() => undefined);
          session.signOut();
          await client.clearStore();
        }}>Sign out</Button>
      </Flex>
      <Box as="main" p={{ base: 3, md: 6 }} maxW="5xl" mx="auto">
        <Outlet />
      </Box>
    </ChakraProvider>
  );
}
