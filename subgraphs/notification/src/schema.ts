import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
import { MailResolver } from './mail/mail.resolver.ts';
import { NotificationResolver, notificationReference } from './notification/notification.resolver.ts';
import { Notification } from './notification/notification.type.ts';
import { PreferenceResolver } from './preference/preference.resolver.ts';
import { endpointReference, WebhookDeliveryResolver, WebhookEndpointResolver } from './webhook/webhook.resolver.ts';
import { WebhookEndpoint } from './webhook/webhook.type.ts';

export function buildNotificationSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [NotificationResolver, PreferenceResolver, WebhookEndpointResolver, WebhookDeliveryResolver, MailResolver],
    orphanedTypes: [Notification, WebhookEndpoint],
    references: { Notification: notificationReference, WebhookEndpoint: endpointReference },
    publicRootFields: ['developmentMailbox'],
  });
}
