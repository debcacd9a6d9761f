import type { RequestInfo } from '@etika/kit';
import type { MailService } from './mail/mail.service.ts';
import type { NotificationService } from './notification/notification.service.ts';
import type { PreferenceService } from './preference/preference.service.ts';
import type { WebhookService } from './webhook/webhook.service.ts';

export interface NotificationServices {
  readonly notifications: NotificationService;
  readonly preferences: PreferenceService;
  readonly mail: MailService;
  readonly webhooks: WebhookService;
  /** Wakes the delivery workers (after a test event or a replay). */
  readonly kick: () => void;
}

export interface NotificationContext extends RequestInfo {
  readonly services: NotificationServices;
  readonly production: boolean;
}
