import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Field, Input, NativeSelect, Stack, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { formatAmount, parseAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import type { WalletQuery } from '../../gql/graphql.ts';
import { AmountField, amountProblemText } from '../../ui/AmountField.tsx';
import { errorField, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Review } from '../../ui/Review.tsx';
import { RECIPIENTS, REDEEM, TRANSFER } from './wallet.operations.ts';

type Balance = WalletQuery['me']['wallet'][number];
type Action = 'transfer' | 'redeem';
type Pending = { action: Action; minor: bigint; token: Balance['token']; balance: bigint; to: { id: string; email: string } | null; memo: string; key: string };

export const MAX_MEMO = 500;

/** Send to a member or redeem to the organisation: the form, then a review with the balance after, then the move. */
export function MoveForm({ balances }: { balances: readonly Balance[] }) {
  const { t, locale } = useI18n();
  const { claims } = useSession();
  const recipients = useQuery(RECIPIENTS, { variables: { organizationId: claims?.org ?? '' }, skip: !claims?.org });
  const [transfer, transferState] = useMutation(TRANSFER, { refetchQueries: ['Wallet', 'History', 'Ledger'] });
  const [redeem, redeemState] = useMutation(REDEEM, { refetchQueries: ['Wallet', 'History', 'Ledger'] });
  const [form, setForm] = useState({ action: 'transfer' as Action, tokenId: '', to: '', amount: '', memo: '' });
  const { formRef, errors, setErrors } = useFieldErrors<'to' | 'amount' | 'memo'>();
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const [reviewNotice, setReviewNotice] = useState<NoticeState>(null);
  const chosen = balances.find((b) => b.token.id === form.tokenId) ?? balances[0];
  const others = (recipients.data?.organization?.members ?? []).filter((m) => m.user.id !== claims?.sub);
  const show = (minor: bigint, token: Balance['token']) => `${formatAmount(minor, token.decimals, locale)} ${token.symbol}`;

  const review = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    if (!chosen) return;
    const next: Partial<Record<'to' | 'amount' | 'memo', string>> = {};
    const recipient = others.find((m) => m.user.id === form.to)?.user ?? null;
    if (form.action === 'transfer' && !recipient) next.to = t('wallet.chooseRecipient');
    const parsed = parseAmount(form.amount, chosen.token.decimals, locale);
    const balance = BigInt(chosen.amount);
    if (!parsed.ok) next.amount = amountProblemText(parsed.problem, chosen.token.decimals, locale);
    else if (parsed.minor > balance) next.amount = t('wallet.notEnough', { balance: show(balance, chosen.token) });
    if (form.memo.trim().length > MAX_MEMO) next.memo = t('errors.field.memo');
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.ok) return;
    setReviewNotice(null);
    setPending({ action: form.action, minor: parsed.minor, token: chosen.token, balance, to: recipient, memo: form.memo.trim(), key: crypto.randomUUID() });
  };

  const confirm = async () => {
    if (!pending) return;
    const input = { tokenId: pending.token.id, amount: pending.minor.toString(), idempotencyKey: pending.key, toUserId: pending.to?.id ?? null, memo: pending.memo || null };
    try {
      if (pending.action === 'transfer') await transfer({ variables: { input } });
      else await redeem({ variables: { input } });
      const amount = show(pending.minor, pending.token);
      setNotice({ ok: true, text: pending.action === 'transfer' ? t('wallet.sent', { amount, recipient: pending.to?.email ?? '' }) : t('wallet.redeemed', { amount }) });
      setForm({ ...form, amount: '', memo: '' });
      setPending(null);
    } catch (err) {
      const field = errorField(err);
      if (field === 'amount' || field === 'toUserId' || field === 'memo') {
        setPending(null);
        setErrors({ [field === 'toUserId' ? 'to' : field]: messageFor(err) });
      } else setReviewNotice({ ok: false, text: messageFor(err) });
    }
  };

  if (pending) {
    const amount = show(pending.minor, pending.token);
    return (
      <Review
        question={pending.action === 'transfer' ? t('wallet.reviewSend', { amount, recipient: pending.to?.email ?? '' }) : t('wallet.reviewRedeem', { amount })}
        details={(
          <Stack gap={1}>
            {pending.memo && <Text>{t('wallet.memoLine', { memo: pending.memo })}</Text>}
            <Text>{t('wallet.balanceAfter', { before: show(pending.balance, pending.token), after: show(pending.balance - pending.minor, pending.token) })}</Text>
            {pending.action === 'redeem' && <Text>{t('wallet.redeemExplained')}</Text>}
          </Stack>
        )}
        confirmLabel={pending.action === 'transfer' ? t('wallet.confirmSend') : t('wallet.confirmRedeem')}
        busy={transferState.loading || redeemState.loading}
        notice={reviewNotice}
        onConfirm={() => void confirm()}
        onBack={() => setPending(null)}
      />
    );
  }

  return (
    <form onSubmit={review} ref={formRef} noValidate>
      <Stack gap={3} maxW="md">
        <Notice notice={notice} />
        <Field.Root>
          <Field.Label>{t('wallet.action')}</Field.Label>
          <NativeSelect.Root><NativeSelect.Field value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value as Action })}>
            <option value="transfer">{t('wallet.actionSend')}</option>
            <option value="redeem">{t('wallet.actionRedeem')}</option>
          </NativeSelect.Field></NativeSelect.Root>
        </Field.Root>
        <Field.Root>
          <Field.Label>{t('wallet.token')}</Field.Label>
          <NativeSelect.Root><NativeSelect.Field value={chosen?.token.id ?? ''} onChange={(e) => setForm({ ...form, tokenId: e.target.value })}>
            {balances.map((b) => <option key={b.token.id} value={b.token.id}>{b.token.symbol}</option>)}
          </NativeSelect.Field></NativeSelect.Root>
        </Field.Root>
        {form.action === 'transfer' && (
          <Field.Root required invalid={Boolean(errors.to)}>
            <Field.Label>{t('wallet.recipient')}</Field.Label>
            <NativeSelect.Root><NativeSelect.Field value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })}>
              <option value="">{t('wallet.chooseMember')}</option>
              {others.map((m) => <option key={m.user.id} value={m.user.id}>{m.user.email}</option>)}
            </NativeSelect.Field></NativeSelect.Root>
            <Field.ErrorText>{errors.to}</Field.ErrorText>
          </Field.Root>
        )}
        <AmountField
          label={t('wallet.amount', { symbol: chosen?.token.symbol ?? '' })}
          value={form.amount}
          error={errors.amount}
          hint={chosen ? t('wallet.available', { balance: show(BigInt(chosen.amount), chosen.token) }) : undefined}
          onChange={(amount) => setForm({ ...form, amount })}
        />
        <Field.Root invalid={Boolean(errors.memo)}>
          <Field.Label>{t('wallet.memo')}</Field.Label>
          <Input value={form.memo} maxLength={MAX_MEMO} onChange={(e) => setForm({ ...form, memo: e.target.value })} />
          <Field.ErrorText>{errors.memo}</Field.ErrorText>
        </Field.Root>
        <Button type="submit" colorPalette="brand" alignSelf="start">{t('review.open')}</Button>
      </Stack>
    </form>
  );
}
