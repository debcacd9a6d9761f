import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, HStack, Heading, Link as ChakraLink, Stack, Text } from '@chakra-ui/react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import type { PaymentFieldsFragment } from '../../gql/graphql.ts';
import { useNoticedAction, Notice } from '../../ui/Notice.tsx';
import { WALLET } from '../wallet/wallet.operations.ts';
import { MethodPicker, type Method } from './MethodPicker.tsx';
import { isSettling, paymentState, type PaymentState } from './money.ts';
import { CANCEL_PAYMENT, COMPLETE_ACTION, CONFIRM_PAYMENT, PAYMENT } from './payments.operations.ts';
import { declineText, moneyText, tokensText } from './words.ts';

const POLL_MS = 1000;
/** States in which nothing is left to do for this payment, so the page offers to buy again or to leave. */
const FINISHED: readonly PaymentState[] = ['issued', 'issueRefused', 'partlyRefunded', 'refunded', 'canceled'];

/**
 * A payment after it was confirmed: the extra step when the method asks for one, the decline in words (and another
 * method), processing until the provider settles it, and the tokens arriving in the wallet. It asks the API again
 * only while the provider or the ledger has yet to answer.
 */
export function PaymentResult(props: { payment: PaymentFieldsFragment; methods: readonly Method[]; onDone: () => void }) {
  const { t, locale } = useI18n();
  const { data, startPolling, stopPolling } = useQuery(PAYMENT, { variables: { id: props.payment.id } });
  const payment = data?.payment ?? props.payment;
  const state = paymentState(payment);
  const settling = isSettling(payment);
  useEffect(() => {
    if (!settling) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [settling, startPolling, stopPolling]);
  const wallet = useQuery(WALLET, { skip: state !== 'issued', fetchPolicy: 'network-only' });
  const balance = wallet.data?.me.wallet.find((b) => b.token.id === payment.token.id);
  const [complete, completeState] = useMutation(COMPLETE_ACTION, { refetchQueries: ['MyPayments'] });
  const [confirm, confirmState] = useMutation(CONFIRM_PAYMENT, { refetchQueries: ['MyPayments'] });
  const [cancel, cancelState] = useMutation(CANCEL_PAYMENT, { refetchQueries: ['MyPayments'] });
  const { notice, attempt } = useNoticedAction();
  const [method, setMethod] = useState('');
  const [methodError, setMethodError] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [state]);
  const total = moneyText(payment.total, payment, locale);
  const tokens = tokensText(payment.tokens, payment.token, locale);

  const retry = () => attempt(async () => {
    if (!method) {
      setMethodError(t('payments.chooseMethod'));
      return;
    }
    setMethodError(undefined);
    await confirm({ variables: { input: { paymentId: payment.id, paymentMethod: method } } });
  });
  const answer = (approve: boolean) => attempt(async () => {
    await complete({ variables: { input: { paymentId: payment.id, approve } } });
  });

  const headline = {
    open: t('payments.state.open'),
    declined: t('payments.declined', { reason: declineText(payment.lastDeclineCode) }),
    requiresAction: t('payments.actionTitle'),
    processing: t('payments.processing'),
    issuing: t('payments.succeeded', { total }),
    issued: t('payments.succeeded', { total }),
    issueRefused: t('payments.succeeded', { total }),
    partlyRefunded: t('payments.state.partlyRefunded'),
    refunded: t('payments.state.refunded'),
    canceled: t('payments.canceled'),
  }[state];

  return (
    <Box as="section" aria-labelledby="payment-result" borderWidth="2px" borderColor="brand.solid" borderRadius="md" p={4} maxW="lg">
      <Stack gap={3}>
        <Heading as="h2" id="payment-result" size="md" tabIndex={-1} ref={heading}>{headline}</Heading>
        <Notice notice={notice} />
        {state === 'requiresAction' && (
          <>
            <Text>{t('payments.actionText', { total })}</Text>
            <HStack gap={3}>
              <Button colorPalette="brand" loading={completeState.loading} onClick={() => void answer(true)}>{t('payments.approve')}</Button>
              <Button variant="outline" disabled={completeState.loading} onClick={() => void answer(false)}>{t('payments.refuse')}</Button>
            </HStack>
          </>
        )}
        {(state === 'declined' || state === 'open') && props.methods.length > 0 && (
          <>
            <MethodPicker methods={props.methods} value={method} error={methodError} onChange={setMethod} />
            <HStack gap={3} wrap="wrap">
              <Button colorPalette="brand" loading={confirmState.loading} onClick={() => void retry()}>{t('payments.tryAnother')}</Button>
              <Button variant="outline" loading={cancelState.loading} onClick={() => void attempt(async () => { await cancel({ variables: { paymentId: payment.id } }); })}>{t('payments.cancel')}</Button>
            </HStack>
          </>
        )}
        {state === 'issuing' && <Text>{t('payments.arriving')}</Text>}
        {state === 'issueRefused' && <Text>{t('payments.issueRefused')}</Text>}
        {state === 'issued' && balance && (
          <Text role="status" fontWeight="medium">{t('payments.arrived', { tokens, balance: tokensText(balance.amount, balance.token, locale) })}</Text>
        )}
        {FINISHED.includes(state) && (
          <HStack gap={4} wrap="wrap">
            <Button variant="outline" onClick={props.onDone}>{t('payments.buyMore')}</Button>
            <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to="/wallet">{t('payments.seeWallet')}</Link></ChakraLink>
            <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to="/payments">{t('payments.seePayments')}</Link></ChakraLink>
          </HStack>
        )}
      </Stack>
    </Box>
  );
}
