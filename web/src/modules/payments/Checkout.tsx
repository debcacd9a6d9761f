import { useMutation } from '@apollo/client/react';
import { Box, Button, Stack, Text } from '@chakra-ui/react';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../app/i18n.ts';
import type { PaymentFieldsFragment, QuoteInput } from '../../gql/graphql.ts';
import { errorCode, messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Review } from '../../ui/Review.tsx';
import { MethodPicker, type Method } from './MethodPicker.tsx';
import { formatCountdown, secondsLeft } from './money.ts';
import { CONFIRM_PAYMENT, CREATE_PAYMENT, QUOTE } from './payments.operations.ts';
import type { Quote } from './QuoteForm.tsx';
import { methodText, moneyText, tokensText, type SaleToken } from './words.ts';

/** Re-renders every second while `active`, for countdowns. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * The quote with its expiry counting down (a new one when it is over), the method, and a review before anything
 * is charged; paying creates the payment under one idempotency key per review and confirms it with the method.
 */
export function Checkout(props: { quote: Quote; token: SaleToken; request: QuoteInput; methods: readonly Method[]; onPaid: (payment: PaymentFieldsFragment) => void; onBack: () => void }) {
  const { t, locale } = useI18n();
  const [quote, setQuote] = useState(props.quote);
  const [requote, requoteState] = useMutation(QUOTE);
  const [create, createState] = useMutation(CREATE_PAYMENT);
  const [confirm, confirmState] = useMutation(CONFIRM_PAYMENT, { refetchQueries: ['MyPayments'] });
  const [method, setMethod] = useState('');
  const [methodError, setMethodError] = useState<string | undefined>();
  const [reviewing, setReviewing] = useState<{ key: string } | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const [reviewNotice, setReviewNotice] = useState<NoticeState>(null);
  const now = useNow(true);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => summary.current?.focus(), [quote.id]);
  const left = secondsLeft(quote.expiresAt, now);
  const expired = left === 0;
  const what = { tokens: tokensText(quote.tokens, props.token, locale), total: moneyText(quote.total, quote, locale) };
  const chosen = props.methods.find((m) => m.id === method);

  const askAgain = async () => {
    setNotice(null);
    try {
      const r = await requote({ variables: { input: props.request } });
      if (r.data) setQuote(r.data.quoteTokenPurchase);
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };
  const review = () => {
    if (!chosen) {
      setMethodError(t('payments.chooseMethod'));
      return;
    }
    setMethodError(undefined);
    setReviewNotice(null);
    setReviewing({ key: crypto.randomUUID() });
  };
  const pay = async () => {
    if (!reviewing || !chosen) return;
    try {
      const created = await create({ variables: { input: { quoteId: quote.id, idempotencyKey: reviewing.key } } });
      const paymentId = created.data!.createPayment.id;
      const confirmed = await confirm({ variables: { input: { paymentId, paymentMethod: chosen.id } } });
      props.onPaid(confirmed.data!.confirmPayment);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'QUOTE_EXPIRED' || code === 'PRICE_CHANGED') {
        setReviewing(null);
        setNotice({ ok: false, text: messageFor(err) });
      } else setReviewNotice({ ok: false, text: messageFor(err) });
    }
  };

  if (reviewing && chosen) {
    return (
      <Review
        question={t('payments.review', what)}
        details={(
          <Stack gap={1}>
            <Text>{t('payments.reviewMethod', { method: methodText(chosen) })}</Text>
            <Text>{expired ? t('payments.quoteExpired') : t('payments.quoteValid', { time: formatCountdown(left) })}</Text>
          </Stack>
        )}
        confirmLabel={t('payments.payNow')}
        busy={createState.loading || confirmState.loading}
        notice={reviewNotice}
        onConfirm={() => void pay()}
        onBack={() => setReviewing(null)}
      />
    );
  }
  return (
    <Stack gap={4} maxW="lg">
      <Notice notice={notice} />
      <Box ref={summary} tabIndex={-1} borderWidth="1px" borderRadius="md" p={4} bg="brand.subtle">
        <Text fontSize="xl" fontWeight="bold">{t('payments.quoteLine', what)}</Text>
        {expired
          ? <Text role="status" fontWeight="medium">{t('payments.quoteExpired')}</Text>
          : <Text>{t('payments.quoteValid', { time: formatCountdown(left) })}</Text>}
      </Box>
      {expired ? (
        <Button colorPalette="brand" alignSelf="start" loading={requoteState.loading} onClick={() => void askAgain()}>{t('payments.requote')}</Button>
      ) : props.methods.length === 0 ? (
        <Text>{t('payments.providerElement')}</Text>
      ) : (
        <>
          <MethodPicker methods={props.methods} value={method} error={methodError} onChange={setMethod} />
          <Button colorPalette="brand" alignSelf="start" onClick={review}>{t('review.open')}</Button>
        </>
      )}
      <Button variant="outline" alignSelf="start" onClick={props.onBack}>{t('review.back')}</Button>
    </Stack>
  );
}
