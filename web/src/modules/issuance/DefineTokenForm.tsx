import { useMutation } from '@apollo/client/react';
import { Button, Field, HStack, Input, Stack } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { parseAmount, parseDecimals } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import { amountProblemText } from '../../ui/AmountField.tsx';
import { errorField, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { DEFINE } from './issuance.operations.ts';

type DefineField = 'name' | 'symbol' | 'decimals' | 'maxSupply';

/** Defines a token; decimals and the maximum supply are checked here, in words, before the API sees them. */
export function DefineTokenForm() {
  const { t, locale } = useI18n();
  const [define, state] = useMutation(DEFINE, { refetchQueries: ['IssuanceTokens', 'HistoryTokens'] });
  const [form, setForm] = useState({ name: '', symbol: '', decimals: '2', maxSupply: '' });
  const { formRef, errors, setErrors } = useFieldErrors<DefineField>();
  const [notice, setNotice] = useState<NoticeState>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const next: Partial<Record<DefineField, string>> = {};
    if (!form.name.trim()) next.name = t('errors.field.name');
    if (!/^[A-Za-z0-9]{2,10}$/.test(form.symbol.trim())) next.symbol = t('errors.field.symbol');
    const decimals = parseDecimals(form.decimals);
    if (decimals === null) next.decimals = t('errors.field.decimals');
    let maxSupply: string | null = null;
    if (form.maxSupply.trim() && decimals !== null) {
      const cap = parseAmount(form.maxSupply, decimals, locale);
      if (cap.ok) maxSupply = cap.minor.toString();
      else next.maxSupply = cap.problem === 'negative' ? t('issuance.capNegative') : amountProblemText(cap.problem, decimals, locale);
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || decimals === null) return;
    try {
      await define({ variables: { input: { name: form.name.trim(), symbol: form.symbol.trim(), decimals, maxSupply } } });
      setNotice({ ok: true, text: t('issuance.created', { symbol: form.symbol.trim().toUpperCase() }) });
      setForm({ name: '', symbol: '', decimals: '2', maxSupply: '' });
    } catch (err) {
      const field = errorField(err);
      if (field === 'name' || field === 'symbol' || field === 'decimals') setErrors({ [field]: messageFor(err) });
      else setNotice({ ok: false, text: messageFor(err) });
    }
  };

  const text = (field: Exclude<DefineField, 'decimals' | 'maxSupply'>, label: string, maxW: string) => (
    <Field.Root required invalid={Boolean(errors[field])} maxW={maxW}>
      <Field.Label>{label}</Field.Label>
      <Input value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })} />
      <Field.ErrorText>{errors[field]}</Field.ErrorText>
    </Field.Root>
  );
  return (
    <form onSubmit={submit} ref={formRef} noValidate>
      <Stack gap={3}>
        <Notice notice={notice} />
        <HStack gap={3} align="start" wrap="wrap">
          {text('name', t('issuance.name'), 'xs')}
          {text('symbol', t('issuance.symbol'), '40')}
          <Field.Root required invalid={Boolean(errors.decimals)} maxW="40">
            <Field.Label>{t('issuance.decimals')}</Field.Label>
            <Input inputMode="numeric" value={form.decimals} onChange={(e) => setForm({ ...form, decimals: e.target.value })} />
            <Field.ErrorText>{errors.decimals}</Field.ErrorText>
          </Field.Root>
          <Field.Root invalid={Boolean(errors.maxSupply)} maxW="xs">
            <Field.Label>{t('issuance.maxSupply')}</Field.Label>
            <Input inputMode="decimal" autoComplete="off" value={form.maxSupply} onChange={(e) => setForm({ ...form, maxSupply: e.target.value })} />
            {!errors.maxSupply && <Field.HelperText>{t('issuance.maxSupplyHint')}</Field.HelperText>}
            <Field.ErrorText>{errors.maxSupply}</Field.ErrorText>
          </Field.Root>
        </HStack>
        <Button type="submit" colorPalette="brand" loading={state.loading} alignSelf="start">{t('issuance.create')}</Button>
      </Stack>
    </form>
  );
}
