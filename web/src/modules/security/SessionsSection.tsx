import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, HStack, List, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { session } from '../../app/session.ts';
import { graphql } from '../../gql/index.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { deviceOf } from './device.ts';

export const MY_SESSIONS = graphql(`query MySessions { mySessions { id createdAt lastUsedAt clientAddress device current } }`);
export const SIGN_OUT_SESSION = graphql(`mutation SignOutSession($sessionId: ID!) { signOutSession(sessionId: $sessionId) }`);
export const SIGN_OUT_EVERYWHERE = graphql(`mutation SignOutEverywhere { signOutEverywhere }`);

type Asking = { kind: 'one'; id: string; name: string } | { kind: 'everywhere' } | null;

/** The person's sessions, each with its device, address and last use; any other one can be ended, or all at once. */
export function SessionsSection() {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  const { data, refetch } = useQuery(MY_SESSIONS);
  const [signOutOne, oneState] = useMutation(SIGN_OUT_SESSION);
  const [signOutAll, allState] = useMutation(SIGN_OUT_EVERYWHERE);
  const [asking, setAsking] = useState<Asking>(null);
  const [notice, setNotice] = useState<NoticeState>(null);

  const nameOf = (ua: string | null | undefined): string => {
    const { browser, os } = deviceOf(ua);
    if (!browser) return t('security.unknownBrowser');
    return os ? t('security.deviceOn', { browser, os }) : browser;
  };

  const confirm = async () => {
    const question = asking;
    setNotice(null);
    try {
      if (question?.kind === 'one') {
        await signOutOne({ variables: { sessionId: question.id } });
        setAsking(null);
        setNotice({ ok: true, text: t('security.signedOutOne', { device: question.name }) });
        await refetch();
      } else if (question?.kind === 'everywhere') {
        await signOutAll();
        setAsking(null);
        session.signOut();
        await client.clearStore();
      }
    } catch (err) {
      setAsking(null);
      setNotice({ ok: false, text: messageFor(err) });
    }
  };

  const sessions = data?.mySessions ?? [];
  return (
    <Section title={t('security.sessionsTitle')}>
      <Stack gap={3} align="stretch">
        <Notice notice={notice} />
        <List.Root aria-label={t('security.sessionsTitle')} listStyleType="none" gap={3}>
          {sessions.map((s) => {
            const name = nameOf(s.device);
            return (
              <List.Item key={s.id} borderWidth="1px" borderRadius="md" p={3}>
                <HStack justify="space-between" align="start" wrap="wrap" gap={3} width="full">
                  <Stack gap={1} minW={0}>
                    <HStack gap={2} wrap="wrap">
                      <Text fontWeight="semibold">{name}</Text>
                      {s.current && <Badge colorPalette="green">{t('security.thisDevice')}</Badge>}
                    </HStack>
                    <Text fontSize="sm" wordBreak="break-all">{s.clientAddress ?? t('security.unknownAddress')}</Text>
                    <Text fontSize="sm">{t('security.lastUsed', { when: formatDateTime(s.lastUsedAt, locale) })}</Text>
                  </Stack>
                  {!s.current && (
                    <Button size="sm" variant="outline" colorPalette="red" aria-label={t('security.signOutOneLabel', { device: name, when: formatDateTime(s.lastUsedAt, locale) })} onClick={() => setAsking({ kind: 'one', id: s.id, name })}>
                      {t('security.signOutOne')}
                    </Button>
                  )}
                </HStack>
              </List.Item>
            );
          })}
        </List.Root>
        <Button variant="outline" colorPalette="red" alignSelf="start" onClick={() => setAsking({ kind: 'everywhere' })}>{t('security.signOutEverywhere')}</Button>
      </Stack>
      <ConfirmDialog
        open={asking !== null}
        title={asking?.kind === 'one' ? t('security.signOutOneTitle', { device: asking.name }) : t('security.signOutEverywhereTitle')}
        body={asking?.kind === 'one' ? t('security.signOutOneBody') : t('security.signOutEverywhereBody')}
        confirmLabel={asking?.kind === 'one' ? t('security.signOutOne') : t('security.signOutEverywhere')}
        busy={oneState.loading || allState.loading}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(null)}
      />
    </Section>
  );
}
