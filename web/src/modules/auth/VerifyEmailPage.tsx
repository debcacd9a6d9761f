import { useMutation } from '@apollo/client/react';
import { Spinner } from '@chakra-ui/react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { COOKIE_SESSION } from '../../app/auth-fetch.ts';
import { useI18n } from '../../app/i18n.ts';
import { session } from '../../app/session.ts';
import { messageFor } from '../../ui/errors.ts';
import { COMPLETE_SIGN_UP } from './mail.operations.ts';
import { MailLayout, MailLink, MailText } from './MailLayout.tsx';

/** The sign-up link's page: the link is spent once (it creates the account and signs in), then on to the app. */
export default function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [complete] = useMutation(COMPLETE_SIGN_UP, { context: COOKIE_SESSION });
  const [error, setError] = useState<string | null>(null);
  const spent = useRef(false);
  const token = params.get('token') ?? '';
  useEffect(() => {
    if (spent.current) return;
    spent.current = true;
    if (!token) {
      setError(t('mail.noToken'));
      return;
    }
    complete({ variables: { token } })
      .then((r) => {
        if (!r.data) return;
        session.signIn(r.data.completeSignUp.accessToken);
        void navigate('/', { replace: true });
      })
      .catch((err: unknown) => setError(messageFor(err)));
  }, [complete, navigate, t, token]);
  return (
    <MailLayout title={t('mail.verifyTitle')}>
      {error ? (
        <>
          <MailText alert>{error}</MailText>
          <MailLink to="/sign-up">{t('mail.signUpAgain')}</MailLink>
        </>
      ) : <Spinner role="status" aria-label={t('mail.verifying')} />}
    </MailLayout>
  );
}
