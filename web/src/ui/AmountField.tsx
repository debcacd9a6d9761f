import { Field, Input } from '@chakra-ui/react';
import { formatAmount, type AmountProblem } from '../app/amount.ts';
import { translate } from '../app/i18n.ts';

/** A refused amount in words, with an example written the locale's way. */
export function amountProblemText(problem: AmountProblem, decimals: number, locale: string): string {
  const example = formatAmount(decimals === 0 ? 1500n : 15n, decimals === 0 ? 0 : 1, locale);
  if (problem === 'tooManyDecimals') return translate('amount.tooManyDecimals', { count: decimals });
  return translate(`amount.${problem}`, { example });
}

/** An amount input: typed as text (never a number input, which would drop a comma), its error beside it. */
export function AmountField(props: { label: string; value: string; error: string | undefined; hint?: string; onChange: (value: string) => void; required?: boolean }) {
  return (
    <Field.Root required={props.required ?? true} invalid={Boolean(props.error)}>
      <Field.Label>{props.label}</Field.Label>
      <Input inputMode="decimal" autoComplete="off" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      {props.hint && !props.error && <Field.HelperText>{props.hint}</Field.HelperText>}
      <Field.ErrorText>{props.error}</Field.ErrorText>
    </Field.Root>
  );
}
