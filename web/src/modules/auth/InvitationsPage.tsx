import { Heading, Stack, Text } from '@chakra-ui/react';
import { useI18n } from '../../app/i18n.ts';
import { MyInvitations } from '../organizations/MyInvitations.tsx';

/** Where the invitation mail's link lands (`/invitations`), once signed in: the invitations to the person's address. */
export default function InvitationsPage() {
  const { t } = useI18n();
  return (
    <Stack gap={6}>
      <Heading as="h1" size="xl">{t('mail.invitationsTitle')}</Heading>
      <Text>{t('mail.invitationsIntro')}</Text>
      <MyInvitations />
    </Stack>
  );
}
