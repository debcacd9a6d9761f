import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, HStack, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { INVITATIONS, REVOKE_INVITATION } from './members.operations.ts';

/** Invitations sent and not yet answered, each of which can be withdrawn after a question. */
export function PendingInvitations() {
  const { t, locale } = useI18n();
  const { claims } = useSession();
  const { data } = useQuery(INVITATIONS, { variables: { organizationId: claims?.org ?? '' }, skip: !claims?.org });
  const [revoke, revokeState] = useMutation(REVOKE_INVITATION, { refetchQueries: ['Invitations'] });
  const [asking, setAsking] = useState<{ id: string; email: string } | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const pending = (data?.organization?.invitations ?? []).filter((i) => i.status === 'PENDING');
  const confirm = async () => {
    if (!asking) return;
    try {
      await revoke({ variables: { invitationId: asking.id } });
      setNotice({ ok: true, text: t('members.invitationRevoked', { email: asking.email }) });
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
    setAsking(null);
  };
  return (
    <Section title={t('members.pendingTitle')}>
      <Stack gap={3}>
        <Notice notice={notice} />
        {data && pending.length === 0 && <Text>{t('members.noPending')}</Text>}
        {pending.length > 0 && (
          <Stack as="ul" listStyleType="none" gap={2} aria-label={t('members.pendingTitle')}>
            {pending.map((i) => (
              <Box as="li" key={i.id} borderWidth="1px" borderRadius="md" p={3}>
                <HStack justify="space-between" wrap="wrap" gap={2}>
                  <Text wordBreak="break-word"><Text as="span" fontWeight="semibold">{i.email}</Text> · {t(`roles.${i.role}`)}</Text>
                  <Button size="xs" variant="outline" colorPalette="red" aria-label={t('members.revokeInvitationLabel', { email: i.email })} onClick={() => setAsking({ id: i.id, email: i.email })}>{t('members.revokeInvitation')}</Button>
                </HStack>
                <Text fontSize="sm">{t('members.invitationExpires', { when: formatDateTime(i.expiresAt, locale) })}</Text>
              </Box>
            ))}
          </Stack>
        )}
      </Stack>
      <ConfirmDialog
        open={asking !== null}
        title={t('members.revokeInvitationTitle', { email: asking?.email ?? '' })}
        body={t('members.revokeInvitationBody')}
        confirmLabel={t('members.revokeInvitation')}
        busy={revokeState.loading}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(null)}
      />
    </Section>
  );
}
