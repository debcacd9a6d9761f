import type { Db, Logger } from '@etika/kit';
import type { PaymentProvider } from './provider.ts';
import { SandboxProvider } from './sandbox.ts';

export interface ProviderSettings {
  readonly provider: 'sandbox' | 'stripe';
  readonly webhookUrl: string;
  readonly sandboxSecret: string;
  readonly sandboxSettleMs: number;
  readonly stripeSecretKey: string | undefined;
  readonly stripeWebhookSecret: string | undefined;
  readonly stripeApiUrl: string | undefined;
}

/** The configured provider: the in-process sandbox by default (its intents in `db`), Stripe when the environment says so. */
export async function providerFrom(settings: ProviderSettings, logger: Logger, db: Db): Promise<PaymentProvider> {
  if (settings.provider === 'stripe') {
    if (!settings.stripeSecretKey || !settings.stripeWebhookSecret) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
    const { StripeProvider } = await import('./stripe.ts');
    return new StripeProvider({ secretKey: settings.stripeSecretKey, webhookSecret: settings.stripeWebhookSecret, apiUrl: settings.stripeApiUrl });
  }
  return new SandboxProvider({ webhookUrl: settings.webhookUrl, secret: settings.sandboxSecret, settleMs: settings.sandboxSettleMs, logger, db });
}
