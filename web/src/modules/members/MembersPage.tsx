import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Field, HStack, Heading, Input, NativeSelect, Stack, Table, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import type { MemberRole, MembersQuery } from '../../gql/graphql.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { errorField, messageFor } from '../../ui/errors.ts';
import { useFieldErrors } from '../../ui/form.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { PendingInvitations } from './PendingInvitations.tsx';
import { CHANGE, INVITE, MEMBERS, REMOVE } from './members.operations.ts';
import { grantableRoles, mayManage } from './rules.ts';

type Member = NonNullable<MembersQuery['organization']>['members'][number];
type Asking = { kind: 'role'; member: Member; role: MemberRole } | { kind: 'remove'; member: Member };
const PAGE = 20;

export default function MembersPage() {
  const { t, locale } = useI18n();
  const { claims, can } = useSession();
  const manage = can('members:manage');
  const { data, refetch } = useQuery(MEMBERS, { variables: { organizationId: claims?.org ?? '' }, skip: !claims?.org });
  const [inviteMember, inviteState] = useMutation(INVITE, { refetchQueries: ['Invitations'] });
  const [change, changeState] = useMutation(CHANGE);
  const [remove, removeState] = useMutation(REMOVE);
  const roles = grantableRoles(claims?.role ?? null);
  const [invite, setInvite] = useState<{ email: string; role: MemberRole }>({ email: '', role: 'MEMBER' });
  const { formRef, errors, setErrors } = useFieldErrors<'email'>();
  const [addNotice, setAddNotice] = useState<NoticeState>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [query, setQuery] = useState('');
  const [shownCount, setShownCount] = useState(PAGE);
  const members = (data?.organization?.members ?? []).filter((m) => m.user.email.toLowerCase().includes(query.trim().toLowerCase()));
  const organisation = data?.organization?.name ?? '';
  const roleName = (r: MemberRole) => t(`roles.${r}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAddNotice(null);
    if (!/^\S+@\S+\.\S+$/.test(invite.email.trim())) return setErrors({ email: t('errors.field.email') });
    setErrors({});
    try {
      await inviteMember({ variables: { email: invite.email.trim(), role: invite.role } });
      setAddNotice({ ok: true, text: t('members.invited', { email: invite.email.trim(), role: roleName(invite.role) }) });
      setInvite({ ...invite, email: '' });
    } catch (err) {
      if (errorField(err) === 'email') setErrors({ email: messageFor(err) });
      else setAddNotice({ ok: false, text: messageFor(err) });
    }
  };
  const confirm = async () => {
    if (!asking) return;
    const { member } = asking;
    try {
      if (asking.kind === 'role') {
        await change({ variables: { membershipId: member.id, role: asking.role } });
        setNotice({ ok: true, text: t('members.roleChanged', { email: member.user.email, role: roleName(asking.role) }) });
      } else {
        await remove({ variables: { membershipId: member.id } });
        setNotice({ ok: true, text: t('members.removed', { email: member.user.email }) });
      }
      await refetch();
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
    setAsking(null);
  };

  const actions = (m: Member) => {
    if (!manage || !mayManage(claims?.role ?? null, m.role, m.user.id === claims?.sub)) return <Text as="span">{roleName(m.role)}</Text>;
    return (
      <HStack gap={2} wrap="wrap">
        <NativeSelect.Root size="sm" maxW="40"><NativeSelect.Field aria-label={t('members.roleOf', { email: m.user.email })} value={m.role} onChange={(e) => setAsking({ kind: 'role', member: m, role: e.target.value as MemberRole })}>
          {(roles.includes(m.role) ? roles : [m.role, ...roles]).map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
        </NativeSelect.Field></NativeSelect.Root>
        <Button size="xs" variant="outline" colorPalette="red" aria-label={t('members.removeLabel', { email: m.user.email })} onClick={() => setAsking({ kind: 'remove', member: m })}>{t('members.remove')}</Button>
      </HStack>
    );
  };

  const page = members.slice(0, shownCount);
  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('members.title')}</Heading>
      {manage && (
        <Section title={t('members.inviteTitle')}>
          <form onSubmit={submit} ref={formRef} noValidate>
            <Stack gap={3}>
              <Notice notice={addNotice} />
              <HStack gap={3} align="start" wrap="wrap">
                <Field.Root required maxW="xs" invalid={Boolean(errors.email)}>
                  <Field.Label>{t('members.email')}</Field.Label>
                  <Input type="email" value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} />
                  <Field.ErrorText>{errors.email}</Field.ErrorText>
                </Field.Root>
                <Field.Root maxW="40">
                  <Field.Label>{t('members.role')}</Field.Label>
                  <NativeSelect.Root><NativeSelect.Field value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value as MemberRole })}>
                    {roles.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
                  </NativeSelect.Field></NativeSelect.Root>
                </Field.Root>
              </HStack>
              <Button type="submit" colorPalette="brand" loading={inviteState.loading} alignSelf="start">{t('members.invite')}</Button>
            </Stack>
          </form>
        </Section>
      )}
      {manage && <PendingInvitations />}
      <Section title={t('members.peopleTitle')}>
        <Stack gap={3}>
          <Notice notice={notice} />
          <Field.Root maxW="sm"><Field.Label>{t('members.search')}</Field.Label><Input type="search" value={query} onChange={(e) => { setQuery(e.target.value); setShownCount(PAGE); }} /></Field.Root>
          {data && members.length === 0 && <Text role="status">{t('members.none')}</Text>}
          {page.length > 0 && (
            <>
              <Box display={{ base: 'none', md: 'block' }}>
                <Table.Root size="sm" aria-label={t('members.peopleTitle')}>
                  <Table.Header><Table.Row><Table.ColumnHeader>{t('members.email')}</Table.ColumnHeader><Table.ColumnHeader>{t('members.joined')}</Table.ColumnHeader><Table.ColumnHeader>{t('members.role')}</Table.ColumnHeader></Table.Row></Table.Header>
                  <Table.Body>
                    {page.map((m) => (
                      <Table.Row key={m.id}>
                        <Table.Cell wordBreak="break-word">{m.user.email}</Table.Cell>
                        <Table.Cell whiteSpace="nowrap">{formatDateTime(m.joinedAt, locale)}</Table.Cell>
                        <Table.Cell>{actions(m)}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table.Root>
              </Box>
              <Stack as="ul" listStyleType="none" gap={2} display={{ base: 'flex', md: 'none' }} aria-label={t('members.peopleTitle')}>
                {page.map((m) => (
                  <Box as="li" key={m.id} borderWidth="1px" borderRadius="md" p={3}>
                    <Text fontWeight="semibold" wordBreak="break-word">{m.user.email}</Text>
                    <Box mt={2}>{actions(m)}</Box>
                  </Box>
                ))}
              </Stack>
            </>
          )}
          {members.length > shownCount && <Button variant="outline" alignSelf="start" onClick={() => setShownCount((n) => n + PAGE)}>{t('members.more', { count: members.length - shownCount })}</Button>}
        </Stack>
      </Section>
      <ConfirmDialog
        open={asking !== null}
        title={asking?.kind === 'remove' ? t('members.removeTitle', { email: asking.member.user.email }) : t('members.roleTitle', { email: asking?.member.user.email ?? '', role: asking?.kind === 'role' ? roleName(asking.role) : '' })}
        body={asking?.kind === 'remove' ? t('members.removeBody', { organisation }) : asking?.kind === 'role' ? t(`members.roleBody.${asking.role}`) : ''}
        confirmLabel={asking?.kind === 'remove' ? t('members.remove') : t('members.changeRole')}
        busy={changeState.loading || removeState.loading}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(null)}
      />
    </Stack>
  );
}
