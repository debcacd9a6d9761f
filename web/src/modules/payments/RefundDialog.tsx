import { useMutation } from '@apollo/client/react';
import { Button, Checkbox, Dialog, HStack, Portal, Stack, Text } from '@chakra-ui/react';
import { useRef, useState, type FormEvent } from 'react';
import { formatAmount, parseAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import { AmountField, amountProblemText } from '../../ui/AmountField.tsx';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import type { ListedPayment } from './PaymentList.tsx';
import { REFUND } from './payments.operations.ts';
import { moneyText, tokensText } from './words.ts';

/** What is left to refund on a payment: the tokens bought less those taken back or being taken back. */
export const refundable = (p: Pick<ListedPayment, 'tokens' | 'refundedTokens'>) => BigInt(p.tokens) - BigInt(p.refundedTokens);

/**
 * Refunds a payment, all that is left or part of it, after saying what follows; owners may take back only what the
 * buyer still holds. A refusal (the tokens were spent) is said in words in the dialog.
 */
export function RefundDialog(props: { payment: ListedPayment; owner: boolean; onClose: (done: NoticeState) => void }) {
  const { t, locale } = useI18n();
  const { payment } = props;
  const left = refundable(payment);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [refund, refundState] = useMutation(REFUND, { refetchQueries: ['OrganizationPayments', 'MyPayments'] });
  const [amount, setAmount] = useState(formatAmount(left, payment.token.decimals, locale));
  const [onlyWhatIsLeft, setOnlyWhatIsLeft] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<NoticeState>(null);
  const [key] = useState(() => crypto.randomUUID());
  const buyer = payment.buyer?.email ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const parsed = parseAmount(amount, payment.token.decimals, locale);
    const problem = !parsed.ok ? amountProblemText(parsed.problem, payment.token.decimals, locale) : parsed.minor > left ? t('payments.refundOverLeft', { left: tokensText(left, payment.token, locale) }) : undefined;
    setError(problem);
    if (problem || !parsed.ok) return;
    try {
      const r = await refund({ variables: { input: { paymentId: payment.id, tokens: parsed.minor === left ? null : parsed.minor.toString(), onlyWhatIsLeft, idempotencyKey: key } } });
      const done = r.data!.refundPayment;
      const tokens = tokensText(done.tokens, payment.token, locale);
      props.onClose({ ok: true, text: done.status === 'SUCCEEDED' ? t('payments.refunded', { tokens, amount: moneyText(done.amount, payment, locale), buyer }) : t('payments.refundUnderWay', { tokens }) });
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };

  return (
    <Dialog.Root open role="alertdialog" initialFocusEl={() => cancelRef.current} onOpenChange={(e) => { if (!e.open) props.onClose(null); }}>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <form onSubmit={submit} noValidate>
              <Dialog.Header><Dialog.Title>{t('payments.refundTitle', { buyer })}</Dialog.Title></Dialog.Header>
              <Dialog.Body>
                <Stack gap={3}>
                  <Text>{t('payments.refundBody', { left: tokensText(left, payment.token, locale) })}</Text>
                  <AmountField label={t('payments.refundTokens', { symbol: payment.token.symbol })} value={amount} error={error} hint={t('payments.refundHint')} onChange={setAmount} />
                  {props.owner && (
                    <Checkbox.Root checked={onlyWhatIsLeft} onCheckedChange={(c) => setOnlyWhatIsLeft(c.checked === true)}>
                      <Checkbox.HiddenInput />
                      <Checkbox.Control />
                      <Checkbox.Label>{t('payments.onlyWhatIsLeft')}</Checkbox.Label>
                    </Checkbox.Root>
                  )}
                  <Notice notice={notice} />
                </Stack>
              </Dialog.Body>
              <Dialog.Footer>
                <HStack gap={3}>
                  <Button ref={cancelRef} variant="outline" onClick={() => props.onClose(null)}>{t('common.cancel')}</Button>
                  <Button type="submit" colorPalette="red" loading={refundState.loading}>{t('payments.refund')}</Button>
                </HStack>
              </Dialog.Footer>
            </form>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
