import { useMutation } from '@apollo/client/react';
import { Button, Field, NativeSelect, Stack } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { formatAmount, parseAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import type { TokenPricesQuery } from '../../gql/graphql.ts';
import { AmountField, amountProblemText } from '../../ui/AmountField.tsx';
import { messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { CURRENCIES, currencyExponent } from './money.ts';
import { SET_PRICE } from './payments.operations.ts';
import { moneyProblemText, moneyText, tokensText } from './words.ts';

type Token = TokenPricesQuery['tokens'][number];
type PriceField = 'unitAmount' | 'perTokens' | 'minTokens' | 'maxTokens';

const initial = (token: Token | undefined, locale: string) => {
  const p = token?.price;
  const tokens = (minor: string | null | undefined) => (minor && token ? formatAmount(minor, token.decimals, locale) : '');
  return {
    tokenId: token?.id ?? '',
    currency: p?.currency ?? 'EUR',
    unitAmount: p ? formatAmount(p.unitAmount, p.currencyExponent, locale) : '',
    perTokens: p ? tokens(p.perTokens) : token ? formatAmount(10n ** BigInt(token.decimals), token.decimals, locale) : '',
    minTokens: tokens(p?.minTokens),
    maxTokens: tokens(p?.maxTokens),
  };
};

/** Sets a token's price: in a currency, this much money for this many tokens, with optional limits per purchase. */
export function PriceForm({ tokens }: { tokens: readonly Token[] }) {
  const { t, locale } = useI18n();
  const [setPrice, setState] = useMutation(SET_PRICE, { refetchQueries: ['TokenPrices'] });
  const [form, setForm] = useState(() => initial(tokens[0], locale));
  const { formRef, errors, setErrors } = useFieldErrors<PriceField>();
  const [notice, setNotice] = useState<NoticeState>(null);
  const token = tokens.find((tk) => tk.id === form.tokenId) ?? tokens[0]!;
  const exponent = currencyExponent(form.currency);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const next: Partial<Record<PriceField, string>> = {};
    const money = parseAmount(form.unitAmount, exponent, locale);
    if (!money.ok) next.unitAmount = moneyProblemText(money.problem, form.currency, exponent, locale);
    const read = (field: 'perTokens' | 'minTokens' | 'maxTokens', optional: boolean): bigint | null => {
      if (optional && form[field].trim() === '') return null;
      const parsed = parseAmount(form[field], token.decimals, locale);
      if (parsed.ok) return parsed.minor;
      next[field] = amountProblemText(parsed.problem, token.decimals, locale);
      return null;
    };
    const perTokens = read('perTokens', false);
    const minTokens = read('minTokens', true);
    const maxTokens = read('maxTokens', true);
    if (minTokens !== null && maxTokens !== null && minTokens > maxTokens) next.minTokens = t('payments.minAboveMax');
    setErrors(next);
    if (Object.keys(next).length > 0 || !money.ok || perTokens === null) return;
    try {
      const r = await setPrice({ variables: { input: { tokenId: token.id, currency: form.currency, unitAmount: money.minor.toString(), perTokens: perTokens.toString(), minTokens: minTokens?.toString() ?? null, maxTokens: maxTokens?.toString() ?? null } } });
      const saved = r.data!.setTokenPrice;
      setNotice({ ok: true, text: t('payments.saved', { symbol: token.symbol, money: moneyText(saved.unitAmount, saved, locale), tokens: tokensText(saved.perTokens, token, locale) }) });
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };

  const amount = (field: PriceField, label: string, required: boolean) => (
    <AmountField label={label} value={form[field]} error={errors[field]} required={required} onChange={(value) => setForm({ ...form, [field]: value })} />
  );
  return (
    <form onSubmit={submit} ref={formRef} noValidate>
      <Stack gap={3} maxW="md">
        <Notice notice={notice} />
        <Field.Root>
          <Field.Label>{t('payments.token')}</Field.Label>
          <NativeSelect.Root><NativeSelect.Field value={token.id} onChange={(e) => setForm(initial(tokens.find((tk) => tk.id === e.target.value), locale))}>
            {tokens.map((tk) => <option key={tk.id} value={tk.id}>{tk.name} ({tk.symbol})</option>)}
          </NativeSelect.Field></NativeSelect.Root>
        </Field.Root>
        <Field.Root>
          <Field.Label>{t('payments.currency')}</Field.Label>
          <NativeSelect.Root><NativeSelect.Field value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value })}>
            {CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
          </NativeSelect.Field></NativeSelect.Root>
        </Field.Root>
        {amount('unitAmount', t('payments.unitAmount', { currency: form.currency }), true)}
        {amount('perTokens', t('payments.perTokens', { symbol: token.symbol }), true)}
        {amount('minTokens', t('payments.minTokens'), false)}
        {amount('maxTokens', t('payments.maxTokens'), false)}
        <Button type="submit" colorPalette="brand" alignSelf="start" loading={setState.loading}>{t('payments.save')}</Button>
      </Stack>
    </form>
  );
}
