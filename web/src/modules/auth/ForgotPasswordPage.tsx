import { useMutation } from '@apollo/client/react';
import { Link as ChakraLink, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import { errorField, messageFor } from '../../ui/errors.ts';
import { AuthForm } from './AuthForm.tsx';
import { REQUEST_PASSWORD_RESET } from './mail.operations.ts';

/** "Forgot password": asks for a link by mail; the answer is the same whether the address has an account. */
export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [request, state] = useMutation(REQUEST_PASSWORD_RESET);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  return (
    <AuthForm
      title={t('mail.forgotTitle')}
      fields={[{ name: 'email', label: t('auth.email'), type: 'email', autoComplete: 'username' }]}
      submitLabel={t('mail.sendLink')}
      error={error}
      fieldErrors={fieldErrors}
      busy={state.loading}
      onSubmit={async ({ email }) => {
        setError(null);
        setFieldErrors({});
        try {
          await request({ variables: { email: (email ?? '').trim() } });
          void navigate('/check-mailbox?for=reset');
        } catch (err) {
          if (errorField(err) === 'email') setFieldErrors({ email: messageFor(err) });
          else setError(messageFor(err));
        }
      }}
      footer={<Text><ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to="/sign-in">{t('mail.backToSignIn')}</Link></ChakraLink></Text>}
    />
  );
}
