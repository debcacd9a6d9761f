import { describe, expect, it } from 'vitest';
import manifest from '../../../persisted-documents.json';
import { NOTIFICATION_ADDED, WALLET_CHANGED, registered } from './live.operations.ts';

describe('the live subscriptions', () => {
  it('are sent with the very text the trusted documents hold for them', () => {
    for (const document of [NOTIFICATION_ADDED, WALLET_CHANGED]) {
      const { operationName, query } = registered(document);
      const entry = manifest.operations.find((o) => o.name === operationName);
      expect(entry?.type).toBe('subscription');
      expect(entry?.body).toBe(query);
    }
    expect(registered(WALLET_CHANGED).operationName).toBe('WalletChanged');
    expect(registered(NOTIFICATION_ADDED).query).toMatch(/^subscription NotificationAdded \{/);
  });
});
