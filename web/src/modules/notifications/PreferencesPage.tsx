import { useMutation, useQuery } from '@apollo/client/react';
import { Checkbox, Heading, Stack, Table, Text } from '@chakra-ui/react';
import { useI18n } from '../../app/i18n.ts';
import type { NotificationChannel } from '../../gql/graphql.ts';
import { messageFor } from '../../ui/errors.ts';
import { Notice, useNoticedAction } from '../../ui/Notice.tsx';
import { PREFERENCES, SET_PREFERENCE } from './notifications.operations.ts';

const CHANNELS: { channel: NotificationChannel; field: 'inApp' | 'email' }[] = [
  { channel: 'IN_APP', field: 'inApp' },
  { channel: 'EMAIL', field: 'email' },
];

/** Where each kind of notification reaches the person; security notices are shown on and cannot be changed. */
export default function NotificationPreferencesPage() {
  const { t } = useI18n();
  const { data, error } = useQuery(PREFERENCES);
  const [setPreference] = useMutation(SET_PREFERENCE);
  const { notice, setNotice, attempt } = useNoticedAction();
  return (
    <Stack gap={6}>
      <Heading as="h1" size="xl">{t('notifications.preferencesTitle')}</Heading>
      <Text>{t('notifications.preferencesIntro')}</Text>
      <Notice notice={notice} />
      {error && <Text role="alert" color="fg.error">{messageFor(error)}</Text>}
      {data && (
        <Table.ScrollArea borderWidth="1px" borderRadius="md">
          <Table.Root size="sm">
            <Table.Caption>{t('notifications.preferencesTitle')}</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeader scope="col">{t('notifications.kindColumn')}</Table.ColumnHeader>
                {CHANNELS.map((c) => <Table.ColumnHeader key={c.channel} scope="col">{t(`notifications.channel.${c.channel}`)}</Table.ColumnHeader>)}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.notificationPreferences.map((p) => (
                <Table.Row key={p.kind}>
                  <Table.Cell>
                    <Text>{t(`notifications.kind.${p.kind}`)}</Text>
                    {p.locked && <Text fontSize="sm" color="fg.muted" id={`locked-${p.kind}`}>{t('notifications.lockedReason')}</Text>}
                  </Table.Cell>
                  {CHANNELS.map((c) => (
                    <Table.Cell key={c.channel}>
                      <Checkbox.Root
                        checked={p[c.field]}
                        disabled={p.locked}
                        onCheckedChange={(e) => void attempt(async () => {
                          await setPreference({ variables: { kind: p.kind, channel: c.channel, enabled: e.checked === true } });
                          setNotice({ ok: true, text: t('notifications.saved') });
                        })}
                      >
                        <Checkbox.HiddenInput aria-label={t('notifications.toggleLabel', { kind: t(`notifications.kind.${p.kind}`), channel: t(`notifications.channel.${c.channel}`) })} aria-describedby={p.locked ? `locked-${p.kind}` : undefined} />
                        <Checkbox.Control />
                      </Checkbox.Root>
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      )}
    </Stack>
  );
}
