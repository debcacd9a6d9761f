import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Heading, Stack } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import { switchOrganization } from '../../app/organization.ts';
import { DEFAULT_BRAND } from '../../app/theme.ts';
import { graphql } from '../../gql/index.ts';
import { errorField, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { MyInvitations } from './MyInvitations.tsx';
import { BrandingFields, brandingErrors, type Branding, type BrandingField } from './BrandingFields.tsx';

const CREATE = graphql(`mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`);

/** Creating an organisation makes you its owner and switches to it. */
export default function OrganizationsPage() {
  const { t } = useI18n();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [create, state] = useMutation(CREATE);
  const [form, setForm] = useState<Branding>({ name: '', brandColor: DEFAULT_BRAND, logoUrl: '' });
  const { formRef, errors, setErrors } = useFieldErrors<BrandingField>();
  const [notice, setNotice] = useState<NoticeState>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const problems = brandingErrors(form, t);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const r = await create({ variables: { input: { name: form.name.trim(), brandColor: form.brandColor, logoUrl: form.logoUrl || null } } });
      const id = r.data?.createOrganization.id;
      if (!id) return;
      await switchOrganization(client, id);
      void navigate('/');
    } catch (err) {
      const field = errorField(err);
      if (field === 'name' || field === 'brandColor' || field === 'logoUrl') setErrors({ [field]: messageFor(err) });
      else setNotice({ ok: false, text: messageFor(err) });
    }
  };
  return (
    <Stack gap={6} maxW="md">
      <Heading as="h1" size="xl">{t('organisation.newTitle')}</Heading>
      <MyInvitations />
      <form onSubmit={submit} ref={formRef} noValidate>
        <Stack gap={3}>
          <Notice notice={notice} />
          <BrandingFields value={form} errors={errors} onChange={setForm} />
          <Button type="submit" colorPalette="brand" loading={state.loading} alignSelf="start">{t('organisation.create')}</Button>
        </Stack>
      </form>
    </Stack>
  );
}
