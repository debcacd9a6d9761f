import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, ChakraProvider, Flex, Grid, Heading, Link as ChakraLink, NativeSelect, Spinner, Stack, Text } from '@chakra-ui/react';
import { useEffect, useMemo, useState } from 'react';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import type { Scope } from '@etika/schema/permissions';
import { graphql } from '../gql/shell/index.ts';
import { COOKIE_SESSION } from './auth-fetch.ts';
import { Bell } from './Bell.tsx';
import { messageFor } from '../ui/errors.ts';
import { useI18n } from './i18n.ts';
import { switchOrganization } from './organization.ts';
import { Preferences } from './Preferences.tsx';
import { useLive } from './live-status.ts';
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

const SET_LANGUAGE = graphql(`
  mutation SetMyLanguage($language: Language!) {
    setMyLanguage(language: $language) {
      id
    }
  }
`);

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

type ModuleKey = 'wallet' | 'history' | 'buy' | 'payments' | 'sales' | 'prices' | 'issuance' | 'members' | 'apiKeys' | 'explorer' | 'analytics' | 'audit' | 'webhooks' | 'settings' | 'security' | 'newOrganisation';

/** The menu: each entry appears only with its permission (and, for the organisation's pages, an organisation). */
export const MODULES: { path: string; key: ModuleKey; scope: Scope | null; needsOrg: boolean }[] = [
  { path: '/wallet', key: 'wallet', scope: 'token:read', needsOrg: true },
  { path: '/history', key: 'history', scope: 'token:read', needsOrg: true },
  { path: '/buy', key: 'buy', scope: 'payment:create', needsOrg: true },
  { path: '/payments', key: 'payments', scope: 'payment:read', needsOrg: true },
  { path: '/issuance', key: 'issuance', scope: 'token:issue', needsOrg: true },
  { path: '/sales', key: 'sales', scope: 'payment:manage', needsOrg: true },
  { path: '/prices', key: 'prices', scope: 'payment:manage', needsOrg: true },
  { path: '/members', key: 'members', scope: 'members:read', needsOrg: true },
  { path: '/api-keys', key: 'apiKeys', scope: 'apikeys:manage', needsOrg: true },
  { path: '/explorer', key: 'explorer', scope: 'chain:read', needsOrg: true },
  { path: '/analytics', key: 'analytics', scope: 'analytics:read', needsOrg: true },
  { path: '/audit', key: 'audit', scope: 'audit:read', needsOrg: true },
  { path: '/webhooks', key: 'webhooks', scope: 'webhooks:manage', needsOrg: true },
  { path: '/settings', key: 'settings', scope: 'org:read', needsOrg: true },
  { path: '/security', key: 'security', scope: null, needsOrg: false },
  { path: '/organizations/new', key: 'newOrganisation', scope: null, needsOrg: false },
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
  const { t } = useI18n();
  const { claims, can } = useSession();
  const client = useApolloClient();
  const location = useLocation();
  const { data, loading, error } = useQuery(SHELL);
  const [signOut] = useMutation(SIGN_OUT, { context: COOKIE_SESSION });
  const [saveLanguage] = useMutation(SET_LANGUAGE);
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  useLive();
  const active = data?.me.memberships.find((m) => m.organization.id === claims?.org)?.organization;
  const system = useMemo(() => brandSystem(active?.brandColor ?? DEFAULT_BRAND), [active?.brandColor]);
  if (loading) return <Spinner role="status" aria-label={t('common.loading')} m={8} />;
  if (error || !data) return <Text role="alert" m={8}>{messageFor(error)}</Text>;
  const modules = MODULES.filter((m) => (m.scope === null || can(m.scope)) && (!m.needsOrg || Boolean(claims?.org)));
  const controls = (
    <>
      {data.me.memberships.length > 0 && (
        <NativeSelect.Root size="sm" width="auto">
          <NativeSelect.Field
            aria-label={t('shell.organisation')}
            bg="white"
            color="black"
            value={claims?.org ?? ''}
            onChange={(e) => void switchOrganization(client, e.target.value).catch(() => undefined)}
          >
            {!claims?.org && <option value="">{t('shell.chooseOrganisation')}</option>}
            {data.me.memberships.map((m) => (
              <option key={m.organization.id} value={m.organization.id}>{m.organization.name}</option>
            ))}
          </NativeSelect.Field>
        </NativeSelect.Root>
      )}
      <Bell />
      <Preferences onBrand onLanguage={(language) => void saveLanguage({ variables: { language: language === 'fr' ? 'FR' : 'EN' } }).catch(() => undefined)} />
      <Text fontSize="sm" wordBreak="break-all">{data.me.email}</Text>
      <Button size="sm" variant="outline" color="brand.contrast" onClick={async () => {
        await signOut().catch(() => undefined);
        session.signOut();
        await client.clearStore();
      }}>{t('shell.signOut')}</Button>
    </>
  );

  return (
    <ChakraProvider value={system}>
      <Grid
        as="header"
        bg="brand.solid"
        color="brand.contrast"
        px={4}
        py={3}
        columnGap={3}
        rowGap={{ base: 0, md: 2 }}
        alignItems="center"
        templateColumns="minmax(0, 1fr) auto"
        templateAreas={{ base: '"name menu" "panel panel"', md: '"name controls" "nav nav"' }}
      >
        <Heading as="p" size="md" gridArea="name" minW={0} truncate>{active?.name ?? 'Etika'}</Heading>
        <Button gridArea="menu" display={{ base: 'inline-flex', md: 'none' }} size="sm" variant="outline" color="brand.contrast" aria-expanded={menuOpen} aria-controls="main-menu" onClick={() => setMenuOpen(!menuOpen)}>
          {menuOpen ? t('shell.closeMenu') : t('shell.menu')}
        </Button>
        <Stack id="main-menu" gridArea="panel" display={{ base: menuOpen ? 'flex' : 'none', md: 'contents' }} gap={4} pt={{ base: 3, md: 0 }}>
          <Stack as="nav" gridArea="nav" aria-label={t('shell.modules')} direction={{ base: 'column', md: 'row' }} gap={{ base: 3, md: 5 }} wrap="wrap">
            {modules.map((m) => (
              <ChakraLink key={m.path} asChild color="brand.contrast" fontWeight="semibold" _currentPage={{ textDecoration: 'underline', textDecorationThickness: '2px', textUnderlineOffset: '4px' }}>
                <NavLink to={m.path}>{t(`nav.${m.key}`)}</NavLink>
              </ChakraLink>
            ))}
          </Stack>
          <Flex gridArea="controls" direction={{ base: 'column', md: 'row' }} gap={3} align={{ base: 'start', md: 'center' }} wrap="wrap" justify="end">{controls}</Flex>
        </Stack>
      </Grid>
      <Box as="main" p={{ base: 3, md: 6 }} maxW="5xl" mx="auto">
        <Outlet />
      </Box>
    </ChakraProvider>
  );
}
