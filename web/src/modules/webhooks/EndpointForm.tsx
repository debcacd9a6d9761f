import { Button, Checkbox, Field, Fieldset, HStack, Input, SimpleGrid, Stack } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.ts';
import { errorCode, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { endpointUrlProblem } from './rules.ts';

export interface EndpointValues {
  readonly url: string;
  readonly description: string;
  readonly eventTypes: readonly string[];
}

type EndpointField = 'url' | 'eventTypes';

/** Create or edit an endpoint: an address, the event types wanted, a description. */
export function EndpointForm(props: {
  initial: EndpointValues;
  eventTypes: readonly string[];
  submitLabel: string;
  busy: boolean;
  onSubmit: (values: EndpointValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<EndpointValues>(props.initial);
  const { formRef, errors, setErrors } = useFieldErrors<EndpointField>();
  const [notice, setNotice] = useState<NoticeState>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const next: Partial<Record<EndpointField, string>> = {};
    const problem = endpointUrlProblem(form.url);
    if (problem) next.url = t(`webhooks.url.${problem}`);
    if (form.eventTypes.length === 0) next.eventTypes = t('webhooks.chooseEvents');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      await props.onSubmit({ ...form, url: form.url.trim(), description: form.description.trim() });
    } catch (err) {
      const code = errorCode(err);
      if (code === 'UNSAFE_WEBHOOK_URL') setErrors({ url: messageFor(err) });
      else if (code === 'BAD_USER_INPUT') setNotice({ ok: false, text: t('webhooks.refusedInput') });
      else setNotice({ ok: false, text: messageFor(err) });
    }
  };
  return (
    <form onSubmit={submit} ref={formRef} noValidate>
      <Stack gap={3} maxW="2xl">
        <Notice notice={notice} />
        <Field.Root required invalid={Boolean(errors.url)}>
          <Field.Label>{t('webhooks.urlLabel')}</Field.Label>
          <Input type="url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
          <Field.HelperText>{t('webhooks.urlHelp')}</Field.HelperText>
          <Field.ErrorText>{errors.url}</Field.ErrorText>
        </Field.Root>
        <Field.Root>
          <Field.Label>{t('webhooks.description')}</Field.Label>
          <Input value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
        </Field.Root>
        <Fieldset.Root invalid={Boolean(errors.eventTypes)}>
          <Fieldset.Legend>{t('webhooks.eventTypes')}</Fieldset.Legend>
          <SimpleGrid columns={{ base: 1, sm: 2 }} gap={2}>
            {props.eventTypes.map((type, i) => (
              <Checkbox.Root key={type} checked={form.eventTypes.includes(type)} onCheckedChange={(c) => setForm({ ...form, eventTypes: c.checked ? [...form.eventTypes, type] : form.eventTypes.filter((x) => x !== type) })}>
                <Checkbox.HiddenInput aria-invalid={i === 0 && Boolean(errors.eventTypes)} />
                <Checkbox.Control />
                <Checkbox.Label>{type}</Checkbox.Label>
              </Checkbox.Root>
            ))}
          </SimpleGrid>
          <Fieldset.ErrorText>{errors.eventTypes}</Fieldset.ErrorText>
        </Fieldset.Root>
        <HStack gap={2}>
          <Button type="submit" colorPalette="brand" loading={props.busy}>{props.submitLabel}</Button>
          {props.onCancel && <Button variant="outline" onClick={props.onCancel}>{t('common.cancel')}</Button>}
        </HStack>
      </Stack>
    </form>
  );
}
