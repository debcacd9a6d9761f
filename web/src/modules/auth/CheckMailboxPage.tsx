import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import { MailLayout, MailLink, MailText } from './MailLayout.tsx';

/**
 * After asking for a link (sign-up or a new password): the same words whether the address has an account or not,
 * so this page never tells who is registered.
 */
export default function CheckMailboxPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const reset = params.get('for') === 'reset';
  return (
    <MailLayout title={t('mail.checkTitle')}>
      <MailText>{reset ? t('mail.checkReset') : t('mail.checkSignUp')}</MailText>
      <MailText>{t('mail.checkSpam')}</MailText>
      {import.meta.env.DEV && <MailLink to="/dev/mailbox">{t('mail.devMailboxLink')}</MailLink>}
      <MailLink to="/sign-in">{t('mail.backToSignIn')}</MailLink>
    </MailLayout>
  );
}
