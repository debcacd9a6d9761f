import { useQuery } from '@apollo/client/react';
import { Heading, Spinner, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.ts';
import type { PaymentFieldsFragment, QuoteInput } from '../../gql/graphql.ts';
import { messageFor } from '../../ui/errors.ts';
import { Section } from '../../ui/Section.tsx';
import { Checkout } from './Checkout.tsx';
import { PaymentResult } from './PaymentResult.tsx';
import { PAYMENT_METHODS, TOKEN_PRICES } from './payments.operations.ts';
import { forSale, QuoteForm, type Quote } from './QuoteForm.tsx';
import type { SaleToken } from './words.ts';

type Step =
  | { readonly kind: 'amount' }
  | { readonly kind: 'checkout'; readonly quote: Quote; readonly token: SaleToken; readonly request: QuoteInput }
  | { readonly kind: 'result'; readonly payment: PaymentFieldsFragment };

/** Buy tokens: what and how much, the quote and the method, a review, then the payment until the tokens arrive. */
export default function BuyPage() {
  const { t } = useI18n();
  const prices = useQuery(TOKEN_PRICES);
  const methods = useQuery(PAYMENT_METHODS);
  const [step, setStep] = useState<Step>({ kind: 'amount' });
  const tokens = forSale(prices.data?.tokens ?? []);
  const error = prices.error ?? methods.error;
  const offered = methods.data?.paymentMethods.methods ?? [];

  return (
    <Stack gap={6}>
      <Heading as="h1" size="xl">{t('payments.buyTitle')}</Heading>
      {error && <Text role="alert" color="fg.error">{messageFor(error)}</Text>}
      {(prices.loading || methods.loading) && <Spinner role="status" aria-label={t('common.loading')} />}
      {prices.data && tokens.length === 0 && <Text>{t('payments.noPrices')}</Text>}
      {tokens.length > 0 && methods.data && step.kind === 'amount' && (
        <Section title={t('payments.amountTitle')}>
          <QuoteForm tokens={tokens} onQuoted={(quote, token, request) => setStep({ kind: 'checkout', quote, token, request })} />
        </Section>
      )}
      {step.kind === 'checkout' && (
        <Section title={t('payments.quoteTitle')}>
          <Checkout {...step} methods={offered} onPaid={(payment) => setStep({ kind: 'result', payment })} onBack={() => setStep({ kind: 'amount' })} />
        </Section>
      )}
      {step.kind === 'result' && <PaymentResult payment={step.payment} methods={offered} onDone={() => setStep({ kind: 'amount' })} />}
    </Stack>
  );
}
