import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Button, Heading, Stack, Text } from '@chakra-ui/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { refreshSession } from '../../app/auth-fetch.ts';
import { useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { DEFAULT_BRAND } from '../../app/theme.ts';
import { graphql } from '../../gql/index.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { errorField, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { BrandingFields, brandingErrors, type Branding, type BrandingField } from './BrandingFields.tsx';

const SETTINGS = graphql(`
  query OrganizationSettings($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      name
      brandColor
      logoUrl
    }
  }
`);
const UPDATE = graphql(`mutation UpdateBranding($input: BrandingInput!) { updateBranding(input: $input) { id name brandColor logoUrl } }`);
const LEAVE = graphql(`mutation LeaveOrganization($organizationId: ID!) { leaveOrganization(organizationId: $organizationId) { id } }`);

/** The organisation's name and branding (for those who manage it), and leaving it (for everyone). */
export default function SettingsPage() {
  const { t } = useI18n();
  const { claims, can } = useSession();
  const client = useApolloClient();
  const navigate = useNavigate();
  const orgId = claims?.org ?? '';
  const settings = useQuery(SETTINGS, { variables: { organizationId: orgId }, skip: !orgId });
  const [update, updateState] = useMutation(UPDATE, { refetchQueries: ['Shell'] });
  const [leave, leaveState] = useMutation(LEAVE);
  const [form, setForm] = useState<Branding>({ name: '', brandColor: DEFAULT_BRAND, logoUrl: '' });
  const { formRef, errors, setErrors } = useFieldErrors<BrandingField>();
  const [notice, setNotice] = useState<NoticeState>(null);
  const [leaveNotice, setLeaveNotice] = useState<NoticeState>(null);
  const [asking, setAsking] = useState(false);
  const org = settings.data?.organization;
  useEffect(() => {
    if (org) setForm({ name: org.name, brandColor: org.brandColor ?? DEFAULT_BRAND, logoUrl: org.logoUrl ?? '' });
  }, [org]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const problems = brandingErrors(form, t);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      await update({ variables: { input: { name: form.name.trim(), brandColor: form.brandColor, logoUrl: form.logoUrl || null } } });
      setNotice({ ok: true, text: t('organisation.saved') });
    } catch (err) {
      const field = errorField(err);
      if (field === 'name' || field === 'brandColor' || field === 'logoUrl') setErrors({ [field]: messageFor(err) });
      else setNotice({ ok: false, text: messageFor(err) });
    }
  };
  const confirmLeave = async () => {
    try {
      await leave({ variables: { organizationId: orgId } });
      setAsking(false);
      await refreshSession();
      await client.resetStore().catch(() => undefined);
      void navigate('/', { replace: true });
    } catch (err) {
      setAsking(false);
      setLeaveNotice({ ok: false, text: messageFor(err) });
    }
  };

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('organisation.settingsTitle', { name: org?.name ?? '' })}</Heading>
      {can('org:manage') && (
        <Section title={t('organisation.brandingTitle')}>
          <form onSubmit={submit} ref={formRef} noValidate>
            <Stack gap={3} maxW="md">
              <Notice notice={notice} />
              <BrandingFields value={form} errors={errors} onChange={setForm} />
              <Button type="submit" colorPalette="brand" loading={updateState.loading} alignSelf="start">{t('organisation.save')}</Button>
            </Stack>
          </form>
        </Section>
      )}
      <Section title={t('organisation.leaveTitle')}>
        <Stack gap={3} align="start">
          <Notice notice={leaveNotice} />
          <Text>{t('organisation.leaveText')}</Text>
          <Button variant="outline" colorPalette="red" onClick={() => setAsking(true)}>{t('organisation.leave')}</Button>
        </Stack>
      </Section>
      <ConfirmDialog
        open={asking}
        title={t('organisation.leaveConfirmTitle', { name: org?.name ?? '' })}
        body={t('organisation.leaveConfirmBody')}
        confirmLabel={t('organisation.leave')}
        busy={leaveState.loading}
        onConfirm={() => void confirmLeave()}
        onCancel={() => setAsking(false)}
      />
    </Stack>
  );
}
