import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Code, Field, HStack, Heading, Image, Input, Link, List, Stack, Text } from '@chakra-ui/react';
import { toDataURL } from 'qrcode';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.ts';
import { graphql } from '../../gql/index.ts';
import { Notice, useNoticedAction } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { SessionsSection } from './SessionsSection.tsx';

const ME = graphql(`query SecurityMe { me { id mfaEnabled } }`);
const ENROLL = graphql(`mutation EnrollTotp { enrollTotp { secret otpauthUri } }`);
const CONFIRM = graphql(`mutation ConfirmTotp($code: String!) { confirmTotp(code: $code) { codes } }`);
const DISABLE = graphql(`mutation DisableTotp($code: String!) { disableTotp(code: $code) }`);

/** Recovery codes as a text file, one per line. */
function download(codes: readonly string[], name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain;charset=utf-8' }));
  link.download = `${name}.txt`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** Two-step sign-in: enrol with the otpauth URI (or the secret), confirm with a code, keep the recovery codes. */
export default function SecurityPage() {
  const { t } = useI18n();
  const me = useQuery(ME);
  const [enroll] = useMutation(ENROLL);
  const [confirm, confirmState] = useMutation(CONFIRM);
  const [disable, disableState] = useMutation(DISABLE);
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string; qr: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const { notice, setNotice, attempt } = useNoticedAction();
  const enabled = me.data?.me.mfaEnabled ?? false;

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
      setNotice({ ok: true, text: t('security.off') });
      await me.refetch();
    });
  };

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('security.title')}</Heading>
      <Notice notice={notice} />
      {codes && (
        <Section title={t('security.codesTitle')}>
          <Text mb={2}>{t('security.codesText')}</Text>
          <List.Root as="ol" data-testid="recovery-codes" ps={6}>{codes.map((c) => <List.Item key={c}><Code>{c}</Code></List.Item>)}</List.Root>
          <HStack mt={3} gap={3}>
            <Button size="sm" colorPalette="brand" onClick={() => void navigator.clipboard?.writeText(codes.join('\n')).then(() => setNotice({ ok: true, text: t('security.copied') }))}>{t('common.copy')}</Button>
            <Button size="sm" variant="outline" onClick={() => download(codes, t('security.fileName'))}>{t('security.download')}</Button>
          </HStack>
        </Section>
      )}
      <Section title={t('security.twoStep')}>
        {!enabled && !enrolment && (
          <Stack gap={3} align="start">
            <Text>{t('security.explain')}</Text>
            <Button colorPalette="brand" onClick={() => void attempt(async () => {
              const r = await enroll();
              const totp = r.data?.enrollTotp;
              setEnrolment(totp ? { ...totp, qr: await toDataURL(totp.otpauthUri, { margin: 1, width: 192 }) } : null);
            })}>{t('security.setUp')}</Button>
          </Stack>
        )}
        {enrolment && (
          <form onSubmit={submitConfirm}>
            <Stack gap={3} maxW="lg">
              <Text>{t('security.scan')}</Text>
              <Image src={enrolment.qr} alt={t('security.qrAlt')} width="192px" height="192px" />
              <Link href={enrolment.otpauthUri} colorPalette="brand" wordBreak="break-all">{enrolment.otpauthUri}</Link>
              <Box>{t('security.secret')} <Code data-testid="totp-secret">{enrolment.secret}</Code></Box>
              <Field.Root required maxW="xs">
                <Field.Label>{t('security.codeFromApp')}</Field.Label>
                <Input inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
              </Field.Root>
              <Button type="submit" colorPalette="brand" loading={confirmState.loading} alignSelf="start">{t('security.turnOn')}</Button>
            </Stack>
          </form>
        )}
        {enabled && (
          <form onSubmit={submitDisable}>
            <Text mb={3}>{t('security.on')}</Text>
            <HStack gap={3} align="end" wrap="wrap">
              <Field.Root required maxW="xs">
                <Field.Label>{t('security.currentCode')}</Field.Label>
                <Input value={code} onChange={(e) => setCode(e.target.value)} />
              </Field.Root>
              <Button type="submit" variant="outline" colorPalette="red" loading={disableState.loading}>{t('security.turnOff')}</Button>
            </HStack>
          </form>
        )}
      </Section>
      <SessionsSection />
    </Stack>
  );
}
