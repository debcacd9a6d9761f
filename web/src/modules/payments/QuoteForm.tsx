import { useMutation } from '@apollo/client/react';
import { Button, Field, NativeSelect, Stack, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { parseAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import type { QuoteInput, QuotePurchaseMutation, TokenPricesQuery } from '../../gql/graphql.ts';
import { AmountField, amountProblemText } from '../../ui/AmountField.tsx';
import { errorCode, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { QUOTE } from './payments.operations.ts';
import { limitProblem, limitsText, moneyProblemText, priceText, type SaleToken } from './words.ts';

export type Quote = QuotePurchaseMutation['quoteTokenPurchase'];
type Listed = TokenPricesQuery['tokens'][number];

/** The tokens that have a price, with it. */
export const forSale = (tokens: readonly Listed[]): SaleToken[] => tokens.flatMap((tk) => (tk.price ? [{ ...tk, price: tk.price }] : []));

/**
 * The first step of a purchase: a token, and either the tokens wanted or the most to spend; the limits are checked
 * here first, then the API fixes price and total in a quote.
 */
export function QuoteForm({ tokens, onQuoted }: { tokens: readonly SaleToken[]; onQuoted: (quote: Quote, token: SaleToken, request: QuoteInput) => void }) {
  const { t, locale } = useI18n();
  const [quote, quoteState] = useMutation(QUOTE);
  const [form, setForm] = useState({ tokenId: '', by: 'tokens' as 'tokens' | 'total', amount: '' });
  const { formRef, errors, setErrors } = useFieldErrors<'amount'>();
  const [notice, setNotice] = useState<NoticeState>(null);
  const token = tokens.find((tk) => tk.id === form.tokenId) ?? tokens[0]!;
  const { price } = token;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const decimals = form.by === 'tokens' ? token.decimals : price.currencyExponent;
    const parsed = parseAmount(form.amount, decimals, locale);
    let problem: string | null = null;
    if (!parsed.ok) problem = form.by === 'tokens' ? amountProblemText(parsed.problem, token.decimals, locale) : moneyProblemText(parsed.problem, price.currency, price.currencyExponent, locale);
    else if (form.by === 'tokens') problem = limitProblem(parsed.minor, token, locale);
    setErrors({ amount: problem ?? undefined });
    if (problem || !parsed.ok) return;
    const request: QuoteInput = { tokenId: token.id, ...(form.by === 'tokens' ? { tokens: parsed.minor.toString() } : { total: parsed.minor.toString() }) };
    try {
      const r = await quote({ variables: { input: request } });
      if (r.data) onQuoted(r.data.quoteTokenPurchase, token, request);
    } catch (err) {
      if (errorCode(err) === 'PURCHASE_LIMIT' || errorCode(err) === 'BAD_USER_INPUT') setErrors({ amount: messageFor(err) });
      else setNotice({ ok: false, text: messageFor(err) });
    }
  };

  const limits = limitsText(token, locale);
  return (
    <form onSubmit={submit} ref={formRef} noValidate>
      <Stack gap={3} maxW="md">
        <Notice notice={notice} />
        <Field.Root>
          <Field.Label>{t('payments.token')}</Field.Label>
          <NativeSelect.Root><NativeSelect.Field value={token.id} onChange={(e) => setForm({ ...form, tokenId: e.target.value })}>
            {tokens.map((tk) => <option key={tk.id} value={tk.id}>{tk.name} ({tk.symbol})</option>)}
          </NativeSelect.Field></NativeSelect.Root>
        </Field.Root>
        <Text>{priceText(token, locale)}</Text>
        {limits && <Text>{limits}</Text>}
        <Field.Root>
          <Field.Label>{t('payments.buyBy')}</Field.Label>
          <NativeSelect.Root><NativeSelect.Field value={form.by} onChange={(e) => setForm({ ...form, by: e.target.value === 'total' ? 'total' : 'tokens' })}>
            <option value="tokens">{t('payments.byTokens')}</option>
            <option value="total">{t('payments.byTotal')}</option>
          </NativeSelect.Field></NativeSelect.Root>
        </Field.Root>
        <AmountField
          label={form.by === 'tokens' ? t('payments.tokensAmount', { symbol: token.symbol }) : t('payments.totalAmount', { currency: price.currency })}
          value={form.amount}
          error={errors.amount}
          onChange={(amount) => setForm({ ...form, amount })}
        />
        <Button type="submit" colorPalette="brand" alignSelf="start" loading={quoteState.loading}>{t('payments.getQuote')}</Button>
      </Stack>
    </form>
  );
}
