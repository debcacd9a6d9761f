import { graphql } from '../../gql/index.ts';

export const NOTIFICATIONS = graphql(`
  query Notifications($after: String) {
    notifications(first: 20, after: $after) {
      nodes {
        id
        kind
        title
        text
        createdAt
        readAt
      }
      endCursor
      hasNextPage
    }
  }
`);

export const MARK_READ = graphql(`mutation MarkNotificationRead($id: ID!) { markNotificationRead(id: $id) { id readAt } }`);
export const MARK_ALL_READ = graphql(`mutation MarkAllNotificationsRead { markAllNotificationsRead }`);

export const PREFERENCES = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kind
      inApp
      email
      locked
    }
  }
`);

export const SET_PREFERENCE = graphql(`
  mutation SetNotificationPreference($kind: NotificationKind!, $channel: NotificationChannel!, $enabled: Boolean!) {
    setNotificationPreference(kind: $kind, channel: $channel, enabled: $enabled) {
      kind
      inApp
      email
      locked
    }
  }
`);
