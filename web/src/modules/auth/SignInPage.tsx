import { useMutation } from '@apollo/client/react';
import { Link as ChakraLink, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { session } from '../../app/session.ts';
import { messageFor } from '../../ui/errors.ts';
import { AuthForm } from './AuthForm.tsx';
import { COMPLETE_MFA, SIGN_IN, SIGN_UP } from './auth.operations.ts';

/** Only same-site paths are followed after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [signIn, signInState] = useMutation(SIGN_IN);
  const [complete, completeState] = useMutation(COMPLETE_MFA);
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = (access: string, refresh: string | null) => {
    session.signIn(access, refresh);
    void navigate(safeNext(params.get('next')), { replace: true });
  };

  if (mfaToken) {
    return (
      <AuthForm
        title="Two-step sign-in"
        fields={[{ name: 'code', label: 'Code from your authenticator app, or a recovery code', type: 'text', autoComplete: 'one-time-code' }]}
        submitLabel="Continue"
        error={error}
        busy={completeState.loading}
        onSubmit={async ({ code }) => {
          try {
            const r = await complete({ variables: { mfaToken, code: code ?? '' } });
            if (r.data) done(r.data.completeMfaSignIn.accessToken, r.data.completeMfaSignIn.refreshToken ?? null);
          } catch (err) {
            setError(messageFor(err));
          }
        }}
      />
    );
  }
  return (
    <AuthForm
      title="Sign in to Etika"
      fields={[
        { name: 'email', label: 'Email', type: 'email', autoComplete: 'username' },
        { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' },
      ]}
      submitLabel="Sign in"
      error={error}
      busy={signInState.loading}
      onSubmit={async ({ email, password }) => {
        try {
          const r = await signIn({ variables: { input: { email: email ?? '', password: password ?? '' } } });
          const result = r.data?.signIn;
          if (result?.mfaRequired && result.mfaToken) setMfaToken(result.mfaToken);
          else if (result?.session) done(result.session.accessToken, result.session.refreshToken ?? null);
        } catch (err) {
          setError(messageFor(err));
        }
      }}
      footer={<Text>New here? <ChakraLink asChild colorPalette="brand"><Link to="/sign-up">Create an account</Link></ChakraLink></Text>}
    />
  );
}

export function SignUpPage() {
  const navigate = useNavigate();
  const [signUp, state] = useMutation(SIGN_UP);
  const [error, setError] = useState<string | null>(null);
  return (
    <AuthForm
      title="Create your account"
      fields={[
        { name: 'email', label: 'Email', type: 'email', autoComplete: 'username' },
        { name: 'password', label: 'Password (at least 10 characters)', type: 'password', autoComplete: 'new-password' },
      ]}
      submitLabel="Create account"
      error={error}
      busy={state.loading}
      onSubmit={async ({ email, password }) => {
        try {
          const r = await signUp({ variables: { input: { email: email ?? '', password: password ?? '' } } });
          if (r.data) {
            session.signIn(r.data.signUp.accessToken, r.data.signUp.refreshToken ?? null);
            void navigate('/', { replace: true });
          }
        } catch (err) {
          setError(messageFor(err));
        }
      }}
      footer={<Text>Have an account? <ChakraLink asChild colorPalette="brand"><Link to="/sign-in">Sign in</Link></ChakraLink></Text>}
    />
  );
}
