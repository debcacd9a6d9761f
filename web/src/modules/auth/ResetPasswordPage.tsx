import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import { errorCode, errorField, messageFor } from '../../ui/errors.ts';
import { AuthForm } from './AuthForm.tsx';
import { RESET_PASSWORD } from './mail.operations.ts';
import { MailLayout, MailLink, MailText } from './MailLayout.tsx';

/** The reset link's page: a new password, once; every session of the account is signed out. */
export default function ResetPasswordPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [reset, state] = useMutation(RESET_PASSWORD);
  const [done, setDone] = useState(false);
  const [expired, setExpired] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  if (done || expired) {
    return (
      <MailLayout title={done ? t('mail.resetDoneTitle') : t('mail.resetTitle')}>
        <MailText alert={expired}>{done ? t('mail.resetDone') : t('errors.code.LINK_EXPIRED')}</MailText>
        <MailLink to={done ? '/sign-in' : '/forgot-password'}>{done ? t('auth.signIn') : t('mail.askAgain')}</MailLink>
      </MailLayout>
    );
  }
  return (
    <AuthForm
      title={t('mail.resetTitle')}
      fields={[{ name: 'password', label: t('auth.newPassword'), type: 'password', autoComplete: 'new-password' }]}
      submitLabel={t('mail.setPassword')}
      error={error}
      fieldErrors={fieldErrors}
      busy={state.loading}
      onSubmit={async ({ password }) => {
        setError(null);
        setFieldErrors({});
        try {
          await reset({ variables: { token: params.get('token') ?? '', password: password ?? '' } });
          setDone(true);
        } catch (err) {
          if (errorCode(err) === 'LINK_EXPIRED') setExpired(true);
          else if (errorField(err) === 'password') setFieldErrors({ password: messageFor(err) });
          else setError(messageFor(err));
        }
      }}
    />
  );
}
