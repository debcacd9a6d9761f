import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, HStack, Heading, Stack, Text } from '@chakra-ui/react';
import { useNavigate } from 'react-router';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { switchOrganization } from '../../app/organization.ts';
import { Notice, useNoticedAction } from '../../ui/Notice.tsx';
import { ACCEPT, DECLINE, MY_INVITATIONS } from './invitations.operations.ts';

/** Invitations to the signed-in person's address: accepting joins the organisation and switches to it. */
export function MyInvitations() {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  const navigate = useNavigate();
  const { data } = useQuery(MY_INVITATIONS);
  const [accept, acceptState] = useMutation(ACCEPT);
  const [decline, declineState] = useMutation(DECLINE, { refetchQueries: ['MyInvitations'] });
  const { notice, setNotice, attempt } = useNoticedAction();
  const invitations = data?.myInvitations ?? [];
  if (invitations.length === 0 && !notice) return null;
  return (
    <Box as="section" aria-labelledby="my-invitations">
      <Heading as="h2" id="my-invitations" size="md" mb={3}>{t('welcome.invitationsTitle')}</Heading>
      <Stack gap={3}>
        <Notice notice={notice} />
        <Stack as="ul" listStyleType="none" gap={2}>
          {invitations.map((i) => (
            <Box as="li" key={i.id} borderWidth="1px" borderRadius="md" p={3}>
              <Text fontWeight="semibold">{t('welcome.invitation', { organisation: i.organizationName, role: t(`welcome.role.${i.role}`) })}</Text>
              <Text fontSize="sm" mb={2}>{t('welcome.invitationExpires', { when: formatDateTime(i.expiresAt, locale) })}</Text>
              <HStack gap={2}>
                <Button size="sm" colorPalette="brand" loading={acceptState.loading} aria-label={t('welcome.acceptLabel', { organisation: i.organizationName })} onClick={() => void attempt(async () => {
                  await accept({ variables: { invitationId: i.id } });
                  await switchOrganization(client, i.organizationId);
                  void navigate('/');
                })}>{t('welcome.accept')}</Button>
                <Button size="sm" variant="outline" loading={declineState.loading} aria-label={t('welcome.declineLabel', { organisation: i.organizationName })} onClick={() => void attempt(async () => {
                  await decline({ variables: { invitationId: i.id } });
                  setNotice({ ok: true, text: t('welcome.declined', { organisation: i.organizationName }) });
                })}>{t('welcome.decline')}</Button>
              </HStack>
            </Box>
          ))}
        </Stack>
      </Stack>
    </Box>
  );
}
