import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Checkbox, Code, Field, Fieldset, HStack, Heading, Input, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { PARTNER_GRANTABLE, type Scope } from '@etika/schema/permissions';
import { useSession } from '../../app/session.ts';
import { graphql } from '../../gql/index.ts';
import { messageFor } from '../../ui/errors.ts';
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

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

export default function ApiKeysPage() {
  const { can } = useSession();
  const { data, refetch } = useQuery(KEYS);
  const [create, createState] = useMutation(CREATE);
  const [revoke] = useMutation(REVOKE);
  const grantable = PARTNER_GRANTABLE.filter((s) => can(s));
  const [form, setForm] = useState<{ name: string; scopes: Scope[]; expiresAt: string }>({ name: '', scopes: [], expiresAt: '' });
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    try {
      const r = await create({ variables: { input: { name: form.name, scopes: form.scopes, expiresAt: form.expiresAt ? new Date(form.expiresAt).toISOString() : null } } });
      setSecret(r.data?.createApiKey.secret ?? null);
      setForm({ name: '', scopes: [], expiresAt: '' });
      await refetch();
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">API keys</Heading>
      <Notice notice={notice} />
      {secret && (
        <Box borderWidth="2px" borderColor="brand.solid" borderRadius="md" p={4} role="status">
          <Text fontWeight="bold">Copy this key now. It will not be shown again.</Text>
          <Code display="block" my={2} p={2} wordBreak="break-all" data-testid="new-secret">{secret}</Code>
          <HStack>
            <Button size="sm" colorPalette="brand" onClick={() => void navigator.clipboard?.writeText(secret)}>Copy</Button>
            <Button size="sm" variant="outline" onClick={() => setSecret(null)}>Done</Button>
          </HStack>
        </Box>
      )}
      <Section title="New key">
        <form onSubmit={submit}>
          <Stack gap={3} maxW="lg">
            <Field.Root required>
              <Field.Label>Name</Field.Label>
              <Input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </Field.Root>
            <Fieldset.Root>
              <Fieldset.Legend>Scopes</Fieldset.Legend>
              <SimpleGrid columns={{ base: 1, sm: 2 }} gap={2}>
                {grantable.map((s) => (
                  <Checkbox.Root key={s} checked={form.scopes.includes(s)} onCheckedChange={(c) => setForm({ ...form, scopes: c.checked ? [...form.scopes, s] : form.scopes.filter((x) => x !== s) })}>
                    <Checkbox.HiddenInput />
                    <Checkbox.Control />
                    <Checkbox.Label>{s}</Checkbox.Label>
                  </Checkbox.Root>
                ))}
              </SimpleGrid>
            </Fieldset.Root>
            <Field.Root>
              <Field.Label>Expires (optional)</Field.Label>
              <Input type="datetime-local" value={form.expiresAt} onChange={(e) => setForm({ ...form, expiresAt: e.target.value })} />
            </Field.Root>
            <Button type="submit" colorPalette="brand" loading={createState.loading}>Create key</Button>
          </Stack>
        </form>
      </Section>
      <Section title="Keys">
        <Table.ScrollArea tabIndex={0} role="region" aria-label="Scrollable table">
          <Table.Root size="sm">
            <Table.Header><Table.Row><Table.ColumnHeader>Name</Table.ColumnHeader><Table.ColumnHeader>Key</Table.ColumnHeader><Table.ColumnHeader>Scopes</Table.ColumnHeader><Table.ColumnHeader>Last used</Table.ColumnHeader><Table.ColumnHeader>Status</Table.ColumnHeader></Table.Row></Table.Header>
            <Table.Body>
              {(data?.apiKeys ?? []).map((k) => (
                <Table.Row key={k.id}>
                  <Table.Cell>{k.name}</Table.Cell>
                  <Table.Cell><Code>{k.prefix}…</Code></Table.Cell>
                  <Table.Cell>{k.scopes.join(', ')}</Table.Cell>
                  <Table.Cell>{when(k.lastUsedAt)}</Table.Cell>
                  <Table.Cell>
                    {k.revokedAt ? `Revoked ${when(k.revokedAt)}` : (
                      <Button size="xs" variant="outline" colorPalette="red" aria-label={`Revoke ${k.name}`} onClick={async () => {
                        try {
                          await revoke({ variables: { id: k.id } });
                          setNotice({ ok: true, text: `${k.name} was revoked.` });
                        } catch (err) {
                          setNotice({ ok: false, text: messageFor(err) });
                        }
                      }}>Revoke</Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      </Section>
    </Stack>
  );
}
