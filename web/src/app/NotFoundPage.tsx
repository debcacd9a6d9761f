import { Box, Button, Heading, Stack, Text } from '@chakra-ui/react';
import { Link } from 'react-router';
import { useI18n } from './i18n.ts';
import { useSession } from './session.ts';

/** A real page for an address that leads nowhere, with the way back. */
export function NotFoundPage() {
  const { t } = useI18n();
  const { accessToken } = useSession();
  return (
    <Box as="main" maxW="lg" mx="auto" mt={{ base: 8, md: 24 }} px={4}>
      <Stack gap={4}>
        <Heading as="h1" size="xl">{t('notFound.title')}</Heading>
        <Text>{t('notFound.text')}</Text>
        <Button asChild colorPalette="brand" alignSelf="start"><Link to="/">{accessToken ? t('notFound.home') : t('notFound.signIn')}</Link></Button>
      </Stack>
    </Box>
  );
}
