import { useQuery } from '@apollo/client/react';
import { Link as ChakraLink } from '@chakra-ui/react';
import { NavLink } from 'react-router';
import { graphql } from '../gql/shell/index.ts';
import { useI18n } from './i18n.ts';
import { useLiveConnected } from './live-status.ts';
import { LIVE_POLL_MS, POLL_MS } from './poll.ts';

export const UNREAD_COUNT = graphql(`query UnreadNotificationCount { unreadNotificationCount }`);

/**
 * The header's bell: the unread count, linking to the notification list (a lazy page). The live stream counts each
 * new notification at once (`modules/live/`); the count is asked again every 10 s while that stream is down, every
 * minute while it is open (for notifications read elsewhere).
 */
export function Bell() {
  const { t } = useI18n();
  const live = useLiveConnected();
  const { data } = useQuery(UNREAD_COUNT, { pollInterval: live ? LIVE_POLL_MS : POLL_MS });
  const count = data?.unreadNotificationCount ?? 0;
  return (
    <ChakraLink asChild color="brand.contrast" fontWeight="semibold" display="inline-flex" alignItems="center" gap={1}>
      <NavLink to="/notifications" aria-label={t('shell.notifications', { count })} data-unread={count} data-live={live ? 'on' : 'off'}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" /></svg>
        {count > 0 && <span aria-hidden="true">{count > 99 ? '99+' : count}</span>}
      </NavLink>
    </ChakraLink>
  );
}
