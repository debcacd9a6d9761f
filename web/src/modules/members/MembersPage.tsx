import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Field, HStack, Heading, Input, NativeSelect, Stack, Table } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session.ts';
import { graphql } from '../../gql/index.ts';
import type { MemberRole } from '../../gql/graphql.ts';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';

const MEMBERS = graphql(`
  query Members($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      members {
        id
        role
        joinedAt
        user {
          id
          email
        }
      }
    }
  }
`);
const ADD = graphql(`mutation AddMember($email: String!, $role: MemberRole!) { addMember(email: $email, role: $role) { id } }`);
const CHANGE = graphql(`mutation ChangeMemberRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }`);
const REMOVE = graphql(`mutation RemoveMember($membershipId: ID!) { removeMember(membershipId: $membershipId) { id } }`);

const ROLES: MemberRole[] = ['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR'];

export default function MembersPage() {
  const { claims, can } = useSession();
  const manage = can('members:manage');
  const { data, refetch } = useQuery(MEMBERS, { variables: { organizationId: claims?.org ?? '' }, skip: !claims?.org });
  const [add, addState] = useMutation(ADD);
  const [change] = useMutation(CHANGE);
  const [remove] = useMutation(REMOVE);
  const [invite, setInvite] = useState({ email: '', role: 'MEMBER' as MemberRole });
  const [notice, setNotice] = useState<NoticeState>(null);
  const act = async (work: () => Promise<unknown>, done: string) => {
    setNotice(null);
    try {
      await work();
      setNotice({ ok: true, text: done });
      await refetch();
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(() => add({ variables: invite }), `${invite.email} was added.`).then(() => setInvite({ ...invite, email: '' }));
  };

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">Members</Heading>
      <Notice notice={notice} />
      {manage && (
        <Section title="Add a member">
          <form onSubmit={submit}>
            <HStack gap={3} align="end" wrap="wrap">
              <Field.Root required maxW="xs">
                <Field.Label>Email</Field.Label>
                <Input type="email" value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} />
              </Field.Root>
              <Field.Root maxW="40">
                <Field.Label>Role</Field.Label>
                <NativeSelect.Root><NativeSelect.Field value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value as MemberRole })}>
                  {ROLES.map((r) => <option key={r} value={r}>{r.toLowerCase()}</option>)}
                </NativeSelect.Field></NativeSelect.Root>
              </Field.Root>
              <Button type="submit" colorPalette="brand" loading={addState.loading}>Add</Button>
            </HStack>
          </form>
        </Section>
      )}
      <Section title="People">
        <Table.ScrollArea tabIndex={0} role="region" aria-label="Scrollable table">
          <Table.Root size="sm">
            <Table.Header><Table.Row><Table.ColumnHeader>Email</Table.ColumnHeader><Table.ColumnHeader>Role</Table.ColumnHeader>{manage && <Table.ColumnHeader>Actions</Table.ColumnHeader>}</Table.Row></Table.Header>
            <Table.Body>
              {(data?.organization?.members ?? []).map((m) => (
                <Table.Row key={m.id}>
                  <Table.Cell>{m.user.email}</Table.Cell>
                  <Table.Cell>
                    {manage ? (
                      <NativeSelect.Root size="sm" maxW="36"><NativeSelect.Field aria-label={`Role of ${m.user.email}`} value={m.role} onChange={(e) => void act(() => change({ variables: { membershipId: m.id, role: e.target.value as MemberRole } }), 'Role changed.')}>
                        {ROLES.map((r) => <option key={r} value={r}>{r.toLowerCase()}</option>)}
                      </NativeSelect.Field></NativeSelect.Root>
                    ) : m.role.toLowerCase()}
                  </Table.Cell>
                  {manage && (
                    <Table.Cell>
                      <Button size="xs" variant="outline" colorPalette="red" aria-label={`Remove ${m.user.email}`} onClick={() => void act(() => remove({ variables: { membershipId: m.id } }), `${m.user.email} was removed.`)}>Remove</Button>
                    </Table.Cell>
                  )}
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      </Section>
    </Stack>
  );
}
