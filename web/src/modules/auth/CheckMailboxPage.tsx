import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import { DEVELOPMENT_MAILBOX } from './mail.operations.ts';
import { MailLayout, MailLink, MailText } from './MailLayout.tsx';

/**
 * After asking for a link (sign-up or a new password): the same words whether the address has an account or not,
 * so this page never tells who is registered. Where the platform keeps its mail in the development mailbox (no
 * SMTP server, not production: `npm start`), it links there.
 */
export default function CheckMailboxPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const reset = params.get('for') === 'reset';
  const mailbox = useQuery(DEVELOPMENT_MAILBOX, { fetchPolicy: 'network-only' });
  return (
    <MailLayout title={t('mail.checkTitle')}>
      <MailText>{reset ? t('mail.checkReset') : t('mail.checkSignUp')}</MailText>
      <MailText>{t('mail.checkSpam')}</MailText>
      {mailbox.data && <MailLink to="/dev/mailbox">{t('mail.devMailboxLink')}</MailLink>}
      <MailLink to="/sign-in">{t('mail.backToSignIn')}</MailLink>
    </MailLayout>
  );
}
