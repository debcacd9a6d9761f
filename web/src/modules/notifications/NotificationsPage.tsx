import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Box, Button, HStack, Heading, Link as ChakraLink, Stack, Text } from '@chakra-ui/react';
import { Link } from 'react-router';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { messageFor } from '../../ui/errors.ts';
import { Notice, useNoticedAction } from '../../ui/Notice.tsx';
import { MARK_ALL_READ, MARK_READ, NOTIFICATIONS } from './notifications.operations.ts';
import { appendPage } from './pages.ts';

/** The person's notifications in every organisation, newest first, in their language; mark one or all read. */
export default function NotificationsPage() {
  const { t, locale } = useI18n();
  const { data, error, loading, fetchMore } = useQuery(NOTIFICATIONS, { fetchPolicy: 'cache-and-network' });
  const [markRead] = useMutation(MARK_READ, { refetchQueries: ['UnreadNotificationCount'] });
  const [markAll, markAllState] = useMutation(MARK_ALL_READ, { refetchQueries: ['Notifications', 'UnreadNotificationCount'] });
  const { notice, setNotice, attempt } = useNoticedAction();
  const page = data?.notifications;
  const unread = page?.nodes.filter((n) => !n.readAt).length ?? 0;

  return (
    <Stack gap={6}>
      <HStack justify="space-between" wrap="wrap" gap={3}>
        <Heading as="h1" size="xl">{t('notifications.title')}</Heading>
        <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to="/notifications/preferences">{t('notifications.preferencesLink')}</Link></ChakraLink>
      </HStack>
      <Notice notice={notice} />
      {error && <Text role="alert" color="fg.error">{messageFor(error)}</Text>}
      {page && page.nodes.length === 0 && <Text>{t('notifications.empty')}</Text>}
      {unread > 0 && (
        <Button alignSelf="start" size="sm" variant="outline" loading={markAllState.loading} onClick={() => void attempt(async () => {
          const r = await markAll();
          setNotice({ ok: true, text: t('notifications.allMarked', { count: r.data?.markAllNotificationsRead ?? 0 }) });
        })}>{t('notifications.markAll')}</Button>
      )}
      {page && page.nodes.length > 0 && (
        <Stack as="ul" listStyleType="none" gap={2} aria-label={t('notifications.title')}>
          {page.nodes.map((n) => (
            <Box as="li" key={n.id} borderWidth="1px" borderRadius="md" p={3} borderColor={n.readAt ? 'border' : 'brand.solid'} data-notification={n.id}>
              <HStack justify="space-between" wrap="wrap" gap={2}>
                <Text fontWeight={n.readAt ? 'normal' : 'bold'}>
                  {n.title}
                  {!n.readAt && <Badge ms={2} colorPalette="brand" variant="solid">{t('notifications.unread')}</Badge>}
                </Text>
                {!n.readAt && (
                  <Button size="xs" variant="outline" aria-label={t('notifications.markReadLabel', { title: n.title })} onClick={() => void attempt(async () => {
                    await markRead({ variables: { id: n.id } });
                  })}>{t('notifications.markRead')}</Button>
                )}
              </HStack>
              <Text>{n.text}</Text>
              <Text fontSize="sm" color="fg.muted">{formatDateTime(n.createdAt, locale)}</Text>
            </Box>
          ))}
        </Stack>
      )}
      {page?.hasNextPage && (
        <Button alignSelf="start" size="sm" variant="outline" loading={loading} onClick={() => void fetchMore({
          variables: { after: page.endCursor ?? null },
          updateQuery: (prev, { fetchMoreResult }) => ({ notifications: appendPage(prev.notifications, fetchMoreResult.notifications) }),
        })}>{t('notifications.more')}</Button>
      )}
    </Stack>
  );
}
