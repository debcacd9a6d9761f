import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Field, Input, NativeSelect, Stack, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { formatAmount, parseAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import type { IssuanceTokensQuery } from '../../gql/graphql.ts';
import { AmountField, amountProblemText } from '../../ui/AmountField.tsx';
import { errorField, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Review } from '../../ui/Review.tsx';
import { MAX_MEMO } from '../wallet/MoveForm.tsx';
import { RECIPIENTS } from '../wallet/wallet.operations.ts';
import { ISSUE } from './issuance.operations.ts';

type Token = IssuanceTokensQuery['tokens'][number];
type Pending = { token: Token; minor: bigint; to: { id: string; email: string }; memo: string; key: string };

/** Mints tokens to a member after a review that shows the circulating supply after it, against the cap. */
export function IssueForm({ tokens }: { tokens: readonly Token[] }) {
  const { t, locale } = useI18n();
  const { claims } = useSession();
  const members = useQuery(RECIPIENTS, { variables: { organizationId: claims?.org ?? '' }, skip: !claims?.org });
  const [issue, issueState] = useMutation(ISSUE, { refetchQueries: ['IssuanceTokens', 'Wallet', 'History', 'Ledger'] });
  const [form, setForm] = useState({ tokenId: '', to: '', amount: '', memo: '' });
  const { formRef, errors, setErrors } = useFieldErrors<'to' | 'amount' | 'memo'>();
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const [reviewNotice, setReviewNotice] = useState<NoticeState>(null);
  const token = tokens.find((tk) => tk.id === form.tokenId) ?? tokens[0];
  const people = members.data?.organization?.members ?? [];
  const show = (minor: bigint, tk: Token) => `${formatAmount(minor, tk.decimals, locale)} ${tk.symbol}`;

  const review = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    if (!token) return;
    const next: Partial<Record<'to' | 'amount' | 'memo', string>> = {};
    const to = people.find((m) => m.user.id === form.to)?.user;
    if (!to) next.to = t('wallet.chooseRecipient');
    const parsed = parseAmount(form.amount, token.decimals, locale);
    if (!parsed.ok) next.amount = amountProblemText(parsed.problem, token.decimals, locale);
    else if (token.maxSupply && BigInt(token.circulatingSupply) + parsed.minor > BigInt(token.maxSupply)) {
      next.amount = t('issuance.overCap', { room: show(BigInt(token.maxSupply) - BigInt(token.circulatingSupply), token) });
    }
    if (form.memo.trim().length > MAX_MEMO) next.memo = t('errors.field.memo');
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.ok || !to) return;
    setReviewNotice(null);
    setPending({ token, minor: parsed.minor, to, memo: form.memo.trim(), key: crypto.randomUUID() });
  };

  const confirm = async () => {
    if (!pending) return;
    try {
      await issue({ variables: { input: { tokenId: pending.token.id, toUserId: pending.to.id, amount: pending.minor.toString(), idempotencyKey: pending.key, memo: pending.memo || null } } });
      setNotice({ ok: true, text: t('issuance.issued', { amount: show(pending.minor, pending.token), recipient: pending.to.email }) });
      setForm({ ...form, amount: '', memo: '' });
      setPending(null);
    } catch (err) {
      const field = errorField(err);
      if (field === 'amount' || field === 'memo') {
        setPending(null);
        setErrors({ [field]: messageFor(err) });
      } else setReviewNotice({ ok: false, text: messageFor(err) });
    }
  };

  if (pending) {
    const after = BigInt(pending.token.circulatingSupply) + pending.minor;
    return (
      <Review
        question={t('issuance.review', { amount: show(pending.minor, pending.token), recipient: pending.to.email })}
        details={(
          <Stack gap={1}>
            {pending.memo && <Text>{t('wallet.memoLine', { memo: pending.memo })}</Text>}
            <Text>{t('issuance.supplyAfter', { before: show(BigInt(pending.token.circulatingSupply), pending.token), after: show(after, pending.token) })}</Text>
            {pending.token.maxSupply && <Text>{t('issuance.capLine', { cap: show(BigInt(pending.token.maxSupply), pending.token) })}</Text>}
          </Stack>
        )}
        confirmLabel={t('issuance.confirm')}
        busy={issueState.loading}
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
          <Field.Label>{t('wallet.token')}</Field.Label>
          <NativeSelect.Root><NativeSelect.Field value={token?.id ?? ''} onChange={(e) => setForm({ ...form, tokenId: e.target.value })}>
            {tokens.map((tk) => <option key={tk.id} value={tk.id}>{tk.symbol}</option>)}
          </NativeSelect.Field></NativeSelect.Root>
        </Field.Root>
        <Field.Root required invalid={Boolean(errors.to)}>
          <Field.Label>{t('issuance.member')}</Field.Label>
          <NativeSelect.Root><NativeSelect.Field value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })}>
            <option value="">{t('wallet.chooseMember')}</option>
            {people.map((m) => <option key={m.user.id} value={m.user.id}>{m.user.email}</option>)}
          </NativeSelect.Field></NativeSelect.Root>
          <Field.ErrorText>{errors.to}</Field.ErrorText>
        </Field.Root>
        <AmountField label={t('wallet.amount', { symbol: token?.symbol ?? '' })} value={form.amount} error={errors.amount} onChange={(amount) => setForm({ ...form, amount })} />
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
