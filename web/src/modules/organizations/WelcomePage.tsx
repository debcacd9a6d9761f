import { Button, Heading, Stack, Text } from '@chakra-ui/react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import { MyInvitations } from './MyInvitations.tsx';

/** For a person who belongs to no organisation yet: what Etika is for, the invitations waiting, and how to start one. */
export function Welcome() {
  const { t } = useI18n();
  return (
    <Stack gap={4} maxW="2xl">
      <Heading as="h1" size="xl">{t('welcome.title')}</Heading>
      <Text>{t('welcome.intro')}</Text>
      <MyInvitations />
      <Text>{t('welcome.create')}</Text>
      <Button asChild colorPalette="brand" alignSelf="start"><Link to="/organizations/new">{t('welcome.createButton')}</Link></Button>
      <Text>{t('welcome.join')}</Text>
    </Stack>
  );
}
