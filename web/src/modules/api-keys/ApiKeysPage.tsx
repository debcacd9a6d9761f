import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Checkbox, Code, Field, Fieldset, HStack, Heading, Input, SimpleGrid, Stack, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { PARTNER_GRANTABLE, type Scope } from '@etika/schema/permissions';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { graphql } from '../../gql/index.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { errorField, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';

const KEYS = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      prefix
      scopes
      createdAt
      expiresAt
      revokedAt
      lastUsedAt
    }
  }
`);
const CREATE = graphql(`mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`);
const REVOKE = graphql(`mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`);

type KeyField = 'name' | 'scopes' | 'expiresAt';

export default function ApiKeysPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { data, refetch } = useQuery(KEYS);
  const [create, createState] = useMutation(CREATE);
  const [revoke, revokeState] = useMutation(REVOKE);
  const grantable = PARTNER_GRANTABLE.filter((s) => can(s));
  const [form, setForm] = useState<{ name: string; scopes: Scope[]; expiresAt: string }>({ name: '', scopes: [], expiresAt: '' });
  const { formRef, errors, setErrors } = useFieldErrors<KeyField>();
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const [listNotice, setListNotice] = useState<NoticeState>(null);
  const [asking, setAsking] = useState<{ id: string; name: string } | null>(null);
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, locale) : t('apiKeys.never'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const next: Partial<Record<KeyField, string>> = {};
    if (!form.name.trim()) next.name = t('errors.field.name');
    if (form.scopes.length === 0) next.scopes = t('errors.field.scopes');
    if (form.expiresAt && new Date(form.expiresAt) <= new Date()) next.expiresAt = t('errors.field.expiresAt');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      const r = await create({ variables: { input: { name: form.name.trim(), scopes: form.scopes, expiresAt: form.expiresAt ? new Date(form.expiresAt).toISOString() : null } } });
      setSecret(r.data?.createApiKey.secret ?? null);
      setForm({ name: '', scopes: [], expiresAt: '' });
      await refetch();
    } catch (err) {
      const field = errorField(err);
      if (field === 'name' || field === 'scopes' || field === 'expiresAt') setErrors({ [field]: messageFor(err) });
      else setNotice({ ok: false, text: messageFor(err) });
    }
  };
  const confirmRevoke = async () => {
    if (!asking) return;
    try {
      await revoke({ variables: { id: asking.id } });
      setListNotice({ ok: true, text: t('apiKeys.revoked', { name: asking.name }) });
    } catch (err) {
      setListNotice({ ok: false, text: messageFor(err) });
    }
    setAsking(null);
  };
  const keys = data?.apiKeys ?? [];

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('apiKeys.title')}</Heading>
      {secret && (
        <Box borderWidth="2px" borderColor="brand.solid" borderRadius="md" p={4} role="status">
          <Text fontWeight="bold">{t('apiKeys.copyNow')}</Text>
          <Code display="block" my={2} p={2} wordBreak="break-all" data-testid="new-secret">{secret}</Code>
          <HStack>
            <Button size="sm" colorPalette="brand" onClick={() => void navigator.clipboard?.writeText(secret)}>{t('common.copy')}</Button>
            <Button size="sm" variant="outline" onClick={() => setSecret(null)}>{t('common.done')}</Button>
          </HStack>
        </Box>
      )}
      <Section title={t('apiKeys.newTitle')}>
        <form onSubmit={submit} ref={formRef} noValidate>
          <Stack gap={3} maxW="lg">
            <Notice notice={notice} />
            <Field.Root required invalid={Boolean(errors.name)}>
              <Field.Label>{t('apiKeys.name')}</Field.Label>
              <Input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
              <Field.ErrorText>{errors.name}</Field.ErrorText>
            </Field.Root>
            <Fieldset.Root invalid={Boolean(errors.scopes)}>
              <Fieldset.Legend>{t('apiKeys.scopes')}</Fieldset.Legend>
              <SimpleGrid columns={{ base: 1, sm: 2 }} gap={2}>
                {grantable.map((s, i) => (
                  <Checkbox.Root key={s} checked={form.scopes.includes(s)} onCheckedChange={(c) => setForm({ ...form, scopes: c.checked ? [...form.scopes, s] : form.scopes.filter((x) => x !== s) })}>
                    <Checkbox.HiddenInput aria-invalid={i === 0 && Boolean(errors.scopes)} />
                    <Checkbox.Control />
                    <Checkbox.Label>{s}</Checkbox.Label>
                  </Checkbox.Root>
                ))}
              </SimpleGrid>
              <Fieldset.ErrorText>{errors.scopes}</Fieldset.ErrorText>
            </Fieldset.Root>
            <Field.Root invalid={Boolean(errors.expiresAt)}>
              <Field.Label>{t('apiKeys.expires')}</Field.Label>
              <Input type="datetime-local" value={form.expiresAt} onChange={(e) => setForm({ ...form, expiresAt: e.target.value })} />
              <Field.ErrorText>{errors.expiresAt}</Field.ErrorText>
            </Field.Root>
            <Button type="submit" colorPalette="brand" loading={createState.loading} alignSelf="start">{t('apiKeys.create')}</Button>
          </Stack>
        </form>
      </Section>
      <Section title={t('apiKeys.listTitle')}>
        <Stack gap={3}>
          <Notice notice={listNotice} />
          {data && keys.length === 0 && <Text>{t('apiKeys.none')}</Text>}
          {keys.length > 0 && (
            <Stack as="ul" listStyleType="none" gap={2}>
              {keys.map((k) => (
                <Box as="li" key={k.id} borderWidth="1px" borderRadius="md" p={3}>
                  <HStack justify="space-between" wrap="wrap" gap={2}>
                    <Text fontWeight="semibold">{k.name} <Code>{k.prefix}…</Code></Text>
                    {k.revokedAt ? <Text>{t('apiKeys.revokedOn', { when: when(k.revokedAt) })}</Text> : (
                      <Button size="xs" variant="outline" colorPalette="red" aria-label={t('apiKeys.revokeLabel', { name: k.name })} onClick={() => setAsking({ id: k.id, name: k.name })}>{t('apiKeys.revoke')}</Button>
                    )}
                  </HStack>
                  <Text fontSize="sm" wordBreak="break-word">{k.scopes.join(', ')}</Text>
                  <Text fontSize="sm">{t('apiKeys.lastUsed', { when: when(k.lastUsedAt) })} · {t('apiKeys.expiry', { when: k.expiresAt ? when(k.expiresAt) : t('apiKeys.noExpiry') })}</Text>
                </Box>
              ))}
            </Stack>
          )}
        </Stack>
      </Section>
      <ConfirmDialog
        open={asking !== null}
        title={t('apiKeys.revokeTitle', { name: asking?.name ?? '' })}
        body={t('apiKeys.revokeBody')}
        confirmLabel={t('apiKeys.revoke')}
        busy={revokeState.loading}
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setAsking(null)}
      />
    </Stack>
  );
}
