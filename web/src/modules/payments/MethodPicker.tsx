import { Fieldset, RadioGroup, Stack } from '@chakra-ui/react';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../app/i18n.ts';
import type { PaymentMethodsQuery } from '../../gql/graphql.ts';
import { methodText } from './words.ts';

export type Method = PaymentMethodsQuery['paymentMethods']['methods'][number];

/** The sandbox's test methods, each named by what it does, in the person's language; a missing choice takes the focus. */
export function MethodPicker(props: { methods: readonly Method[]; value: string; error: string | undefined; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.error) first.current?.focus();
  }, [props.error]);
  return (
    <Fieldset.Root invalid={Boolean(props.error)}>
      <Fieldset.Legend>{t('payments.methodsTitle')}</Fieldset.Legend>
      <Fieldset.HelperText>{t('payments.methodsHint')}</Fieldset.HelperText>
      <RadioGroup.Root value={props.value} onValueChange={(e) => props.onChange(e.value ?? '')}>
        <Stack gap={2}>
          {props.methods.map((m, i) => (
            <RadioGroup.Item key={m.id} value={m.id}>
              <RadioGroup.ItemHiddenInput ref={i === 0 ? first : undefined} aria-invalid={i === 0 && Boolean(props.error)} />
              <RadioGroup.ItemIndicator />
              <RadioGroup.ItemText>{methodText(m)}</RadioGroup.ItemText>
            </RadioGroup.Item>
          ))}
        </Stack>
      </RadioGroup.Root>
      <Fieldset.ErrorText>{props.error}</Fieldset.ErrorText>
    </Fieldset.Root>
  );
}
