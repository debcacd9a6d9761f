import { useApolloClient, useMutation } from '@apollo/client/react';
import { Link as ChakraLink, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { COOKIE_SESSION } from '../../app/auth-fetch.ts';
import { useI18n } from '../../app/i18n.ts';
import { switchOrganization } from '../../app/organization.ts';
import { lastOrganization, session } from '../../app/session.ts';
import { errorField, messageFor } from '../../ui/errors.ts';
import { AuthForm } from './AuthForm.tsx';
import { COMPLETE_MFA, REQUEST_SIGN_UP, SIGN_IN } from './auth.operations.ts';

/** Only same-site paths are followed after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [signIn, signInState] = useMutation(SIGN_IN, { context: COOKIE_SESSION });
  const [complete, completeState] = useMutation(COMPLETE_MFA, { context: COOKIE_SESSION });
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Signed in: back to the organisation used last on this device, then to the page asked for. */
  const done = async (access: string) => {
    const last = lastOrganization();
    session.signIn(access);
    if (last && last !== session.snapshot().claims?.org) await switchOrganization(client, last).catch(() => undefined);
    void navigate(safeNext(params.get('next')), { replace: true });
  };

  if (mfaToken) {
    return (
      <AuthForm
        title={t('auth.mfaTitle')}
        fields={[{ name: 'code', label: t('auth.mfaCode'), type: 'text', autoComplete: 'one-time-code' }]}
        submitLabel={t('auth.continue')}
        error={error}
        busy={completeState.loading}
        onSubmit={async ({ code }) => {
          try {
            const r = await complete({ variables: { mfaToken, code: code ?? '' } });
            if (r.data) await done(r.data.completeMfaSignIn.accessToken);
          } catch (err) {
            setError(messageFor(err));
          }
        }}
      />
    );
  }
  return (
    <AuthForm
      title={t('auth.signInTitle')}
      fields={[
        { name: 'email', label: t('auth.email'), type: 'email', autoComplete: 'username' },
        { name: 'password', label: t('auth.password'), type: 'password', autoComplete: 'current-password' },
      ]}
      submitLabel={t('auth.signIn')}
      error={error}
      busy={signInState.loading}
      onSubmit={async ({ email, password }) => {
        try {
          const r = await signIn({ variables: { input: { email: email ?? '', password: password ?? '' } } });
          const result = r.data?.signIn;
          if (result?.mfaRequired && result.mfaToken) setMfaToken(result.mfaToken);
          else if (result?.session) await done(result.session.accessToken);
        } catch (err) {
          setError(messageFor(err));
        }
      }}
      footer={
        <>
          <Text><ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to="/forgot-password">{t('auth.forgotPassword')}</Link></ChakraLink></Text>
          <Text>{t('auth.newHere')} <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to={`/sign-up${params.get('next') ? `?next=${encodeURIComponent(params.get('next') ?? '')}` : ''}`}>{t('auth.createAccount')}</Link></ChakraLink></Text>
        </>
      }
    />
  );
}

/** Sign-up by mail: the address receives the link that creates the account; the answer never says whether it has one. */
export function SignUpPage() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const [requestSignUp, state] = useMutation(REQUEST_SIGN_UP);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  return (
    <AuthForm
      title={t('auth.signUpTitle')}
      fields={[
        { name: 'email', label: t('auth.email'), type: 'email', autoComplete: 'username' },
        { name: 'password', label: t('auth.newPassword'), type: 'password', autoComplete: 'new-password' },
      ]}
      submitLabel={t('auth.signUp')}
      error={error}
      fieldErrors={fieldErrors}
      busy={state.loading}
      onSubmit={async ({ email, password }) => {
        setError(null);
        setFieldErrors({});
        try {
          await requestSignUp({ variables: { input: { email: (email ?? '').trim(), password: password ?? '', language: language === 'fr' ? 'FR' : 'EN' } } });
          void navigate('/check-mailbox');
        } catch (err) {
          const field = errorField(err);
          if (field === 'email' || field === 'password') setFieldErrors({ [field]: messageFor(err) });
          else setError(messageFor(err));
        }
      }}
      footer={<Text>{t('auth.haveAccount')} <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to="/sign-in">{t('auth.signIn')}</Link></ChakraLink></Text>}
    />
  );
}
