import { Field, Input, Stack } from '@chakra-ui/react';
import { useI18n } from '../../app/i18n.ts';

export type Branding = { name: string; brandColor: string; logoUrl: string };
export type BrandingField = keyof Branding;

/** The name, colour and logo fields shared by creating an organisation and its settings. */
export function BrandingFields(props: { value: Branding; errors: Partial<Record<BrandingField, string>>; onChange: (value: Branding) => void }) {
  const { t } = useI18n();
  const { value, errors, onChange } = props;
  return (
    <Stack gap={3}>
      <Field.Root required invalid={Boolean(errors.name)}>
        <Field.Label>{t('organisation.name')}</Field.Label>
        <Input value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />
        <Field.ErrorText>{errors.name}</Field.ErrorText>
      </Field.Root>
      <Field.Root invalid={Boolean(errors.brandColor)}>
        <Field.Label>{t('organisation.colour')}</Field.Label>
        <Input type="color" maxW="24" value={value.brandColor} onChange={(e) => onChange({ ...value, brandColor: e.target.value })} />
        <Field.ErrorText>{errors.brandColor}</Field.ErrorText>
      </Field.Root>
      <Field.Root invalid={Boolean(errors.logoUrl)}>
        <Field.Label>{t('organisation.logo')}</Field.Label>
        <Input type="url" value={value.logoUrl} onChange={(e) => onChange({ ...value, logoUrl: e.target.value })} />
        <Field.ErrorText>{errors.logoUrl}</Field.ErrorText>
      </Field.Root>
    </Stack>
  );
}

/** Checks done before the API sees them, in the person's language. */
export function brandingErrors(value: Branding, t: (key: 'errors.field.name' | 'errors.field.logoUrl') => string): Partial<Record<BrandingField, string>> {
  const errors: Partial<Record<BrandingField, string>> = {};
  if (!value.name.trim()) errors.name = t('errors.field.name');
  if (value.logoUrl && !/^https:\/\/\S+$/.test(value.logoUrl)) errors.logoUrl = t('errors.field.logoUrl');
  return errors;
}
