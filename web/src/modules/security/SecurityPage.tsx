import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Code, Field, HStack, Heading, Image, Input, Link, List, Stack, Text } from '@chakra-ui/react';
import { toDataURL } from 'qrcode';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql/index.ts';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';

const ME = graphql(`query SecurityMe { me { id mfaEnabled } }`);
const ENROLL = graphql(`mutation EnrollTotp { enrollTotp { secret otpauthUri } }`);
const CONFIRM = graphql(`mutation ConfirmTotp($code: String!) { confirmTotp(code: $code) { codes } }`);
const DISABLE = graphql(`mutation DisableTotp($code: String!) { disableTotp(code: $code) }`);

/** Two-step sign-in: enrol with the otpauth URI (or the secret), confirm with a code, keep the recovery codes. */
export default function SecurityPage() {
  const me = useQuery(ME);
  const [enroll] = useMutation(ENROLL);
  const [confirm, confirmState] = useMutation(CONFIRM);
  const [disable, disableState] = useMutation(DISABLE);
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string; qr: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<NoticeState>(null);
  const enabled = me.data?.me.mfaEnabled ?? false;

  const attempt = async (work: () => Promise<void>) => {
    setNotice(null);
    try {
      await work();
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };
  const submitConfirm = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      const r = await confirm({ variables: { code } });
      setCodes(r.data?.confirmTotp.codes ?? []);
      setEnrolment(null);
      setCode('');
      await me.refetch();
    });
  };
  const submitDisable = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      await disable({ variables: { code } });
      setCode('');
      setNotice({ ok: true, text: 'Two-step sign-in is off.' });
      await me.refetch();
    });
  };

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">Security</Heading>
      <Notice notice={notice} />
      {codes && (
        <Section title="Your recovery codes">
          <Text mb={2}>Each works once if you lose your authenticator. Keep them somewhere safe; they are not shown again.</Text>
          <List.Root as="ol" data-testid="recovery-codes">{codes.map((c) => <List.Item key={c}><Code>{c}</Code></List.Item>)}</List.Root>
        </Section>
      )}
      <Section title="Two-step sign-in">
        {!enabled && !enrolment && (
          <Stack gap={3} align="start">
            <Text>Sign-in asks for a code from an authenticator app as well as your password.</Text>
            <Button colorPalette="brand" onClick={() => void attempt(async () => {
              const r = await enroll();
              const totp = r.data?.enrollTotp;
              setEnrolment(totp ? { ...totp, qr: await toDataURL(totp.otpauthUri, { margin: 1, width: 192 }) } : null);
            })}>Set up</Button>
          </Stack>
        )}
        {enrolment && (
          <form onSubmit={submitConfirm}>
            <Stack gap={3} maxW="lg">
              <Text>Scan this code with your authenticator app, open the link on your phone, or type the secret in by hand:</Text>
              <Image src={enrolment.qr} alt="QR code of the two-step sign-in secret, for an authenticator app" width="192px" height="192px" />
              <Link href={enrolment.otpauthUri} colorPalette="brand" wordBreak="break-all">{enrolment.otpauthUri}</Link>
              <Box>Secret: <Code data-testid="totp-secret">{enrolment.secret}</Code></Box>
              <Field.Root required maxW="xs">
                <Field.Label>Code from the app</Field.Label>
                <Input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
              </Field.Root>
              <Button type="submit" colorPalette="brand" loading={confirmState.loading} alignSelf="start">Turn on</Button>
            </Stack>
          </form>
        )}
        {enabled && (
          <form onSubmit={submitDisable}>
            <Text mb={3}>Two-step sign-in is on.</Text>
            <HStack gap={3} align="end" wrap="wrap">
              <Field.Root required maxW="xs">
                <Field.Label>Current code or a recovery code</Field.Label>
                <Input value={code} onChange={(e) => setCode(e.target.value)} />
              </Field.Root>
              <Button type="submit" variant="outline" colorPalette="red" loading={disableState.loading}>Turn off</Button>
            </HStack>
          </form>
        )}
      </Section>
    </Stack>
  );
}
