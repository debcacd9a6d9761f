import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Field, Heading, Input, Stack } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { session } from '../../app/session.ts';
import { graphql } from '../../gql/index.ts';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';

const CREATE = graphql(`mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`);
const SWITCH_TO_NEW = graphql(`mutation SwitchToNew($organizationId: ID!) { switchOrganization(organizationId: $organizationId) { accessToken } }`);

/** Creating an organisation makes you its owner and switches to it. */
export default function OrganizationsPage() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [create, state] = useMutation(CREATE);
  const [switchTo] = useMutation(SWITCH_TO_NEW);
  const [form, setForm] = useState({ name: '', brandColor: '#0f766e', logoUrl: '' });
  const [notice, setNotice] = useState<NoticeState>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    try {
      const r = await create({ variables: { input: { name: form.name, brandColor: form.brandColor, logoUrl: form.logoUrl || null } } });
      const id = r.data?.createOrganization.id;
      if (!id) return;
      const s = await switchTo({ variables: { organizationId: id } });
      if (s.data) session.signIn(s.data.switchOrganization.accessToken, null);
      await client.resetStore();
      void navigate('/');
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };
  return (
    <Stack gap={6} maxW="md">
      <Heading as="h1" size="xl">New organisation</Heading>
      <Notice notice={notice} />
      <form onSubmit={submit}>
        <Stack gap={3}>
          <Field.Root required><Field.Label>Name</Field.Label><Input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></Field.Root>
          <Field.Root><Field.Label>Brand colour</Field.Label><Input type="color" value={form.brandColor} onChange={(e) => setForm({ ...form, brandColor: e.target.value })} /></Field.Root>
          <Field.Root><Field.Label>Logo address (https)</Field.Label><Input type="url" value={form.logoUrl} onChange={(e) => setForm({ ...form, logoUrl: e.target.value })} /></Field.Root>
          <Button type="submit" colorPalette="brand" loading={state.loading} alignSelf="start">Create</Button>
        </Stack>
      </form>
    </Stack>
  );
}
