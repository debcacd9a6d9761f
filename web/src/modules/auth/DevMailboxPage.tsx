import { useQuery } from '@apollo/client/react';
import { Box, Button, Code, Heading, Stack, Text } from '@chakra-ui/react';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { errorCode, messageFor } from '../../ui/errors.ts';
import { DEVELOPMENT_MAILBOX } from './mail.operations.ts';
import { MailLayout, MailLink } from './MailLayout.tsx';

/**
 * The mail the platform keeps when no SMTP server is set and it is not in production (`npm start`), so the mailed
 * links can be followed; elsewhere the API refuses, and the page says so.
 */
export default function DevMailboxPage() {
  const { t, locale } = useI18n();
  const { data, error, refetch, loading } = useQuery(DEVELOPMENT_MAILBOX, { fetchPolicy: 'network-only' });
  return (
    <MailLayout title={t('mail.devMailboxTitle')}>
      <Text>{t('mail.devMailboxIntro')}</Text>
      <Button alignSelf="start" size="sm" variant="outline" loading={loading} onClick={() => void refetch()}>{t('mail.refresh')}</Button>
      {error && <Text role="alert" color="fg.error">{errorCode(error) === 'NOT_FOUND' ? t('mail.devMailboxNone') : messageFor(error)}</Text>}
      {data && data.developmentMailbox.length === 0 && <Text>{t('mail.devMailboxEmpty')}</Text>}
      <Stack as="ul" listStyleType="none" gap={3}>
        {data?.developmentMailbox.map((m) => (
          <Box as="li" key={m.id} borderWidth="1px" borderRadius="md" p={3}>
            <Heading as="h2" size="sm">{m.subject}</Heading>
            <Text fontSize="sm">{t('mail.devMailTo', { to: m.to, when: formatDateTime(m.createdAt, locale) })}</Text>
            <Code display="block" whiteSpace="pre-wrap" wordBreak="break-word" p={2} mt={2}>{m.text}</Code>
          </Box>
        ))}
      </Stack>
      <MailLink to="/sign-in">{t('mail.backToSignIn')}</MailLink>
    </MailLayout>
  );
}
