import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Box, Button, Code, HStack, Heading, Link as ChakraLink, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { messageFor } from '../../ui/errors.ts';
import { Notice, useNoticedAction } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { EndpointForm } from './EndpointForm.tsx';
import { CREATE_ENDPOINT, DELETE_ENDPOINT, ENDPOINTS, ROTATE_SECRET, SEND_TEST, UPDATE_ENDPOINT } from './webhooks.operations.ts';

/** How long the previous secret keeps signing after a rotation. */
const OVERLAP_HOURS = 24;

type Asking = { kind: 'delete' | 'rotate'; id: string; url: string } | null;

/** The organisation's outgoing webhook endpoints (Standard Webhooks): create, edit, pause, rotate, test, delete. */
export default function WebhooksPage() {
  const { t, locale } = useI18n();
  const { data, error, refetch } = useQuery(ENDPOINTS);
  const [create, createState] = useMutation(CREATE_ENDPOINT);
  const [update, updateState] = useMutation(UPDATE_ENDPOINT);
  const [remove, removeState] = useMutation(DELETE_ENDPOINT);
  const [rotate, rotateState] = useMutation(ROTATE_SECRET);
  const [sendTest] = useMutation(SEND_TEST);
  const { notice, setNotice, attempt } = useNoticedAction();
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [formKey, setFormKey] = useState(0);
  const eventTypes = data?.webhookEventTypes ?? [];
  const endpoints = data?.webhookEndpoints ?? [];

  const confirm = () => void attempt(async () => {
    if (!asking) return;
    const target = asking;
    setAsking(null);
    if (target.kind === 'delete') {
      await remove({ variables: { id: target.id } });
      setNotice({ ok: true, text: t('webhooks.deleted', { url: target.url }) });
    } else {
      const r = await rotate({ variables: { id: target.id, overlapHours: OVERLAP_HOURS } });
      setSecret(r.data?.rotateWebhookSecret.secret ?? null);
    }
    await refetch();
  });

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('webhooks.title')}</Heading>
      <Text>{t('webhooks.intro')}</Text>
      {error && <Text role="alert" color="fg.error">{messageFor(error)}</Text>}
      {secret && (
        <Box borderWidth="2px" borderColor="brand.solid" borderRadius="md" p={4} role="status">
          <Text fontWeight="bold">{t('webhooks.copyNow')}</Text>
          <Code display="block" my={2} p={2} wordBreak="break-all" data-testid="webhook-secret">{secret}</Code>
          <HStack>
            <Button size="sm" colorPalette="brand" onClick={() => void navigator.clipboard?.writeText(secret)}>{t('common.copy')}</Button>
            <Button size="sm" variant="outline" onClick={() => setSecret(null)}>{t('common.done')}</Button>
          </HStack>
        </Box>
      )}
      {data && (
        <Section title={t('webhooks.newTitle')}>
          <EndpointForm
            key={formKey}
            initial={{ url: '', description: '', eventTypes: [] }}
            eventTypes={eventTypes}
            submitLabel={t('webhooks.create')}
            busy={createState.loading}
            onSubmit={async (values) => {
              const r = await create({ variables: { input: { url: values.url, description: values.description || null, eventTypes: [...values.eventTypes] } } });
              setSecret(r.data?.createWebhookEndpoint.secret ?? null);
              setFormKey((k) => k + 1);
              await refetch();
            }}
          />
        </Section>
      )}
      <Section title={t('webhooks.listTitle')}>
        <Stack gap={3}>
          <Notice notice={notice} />
          {data && endpoints.length === 0 && <Text>{t('webhooks.none')}</Text>}
          <Stack as="ul" listStyleType="none" gap={3}>
            {endpoints.map((e) => (
              <Box as="li" key={e.id} borderWidth="1px" borderRadius="md" p={3}>
                {editing === e.id ? (
                  <EndpointForm
                    initial={{ url: e.url, description: e.description, eventTypes: e.eventTypes }}
                    eventTypes={eventTypes}
                    submitLabel={t('webhooks.save')}
                    busy={updateState.loading}
                    onCancel={() => setEditing(null)}
                    onSubmit={async (values) => {
                      await update({ variables: { id: e.id, input: { url: values.url, description: values.description, eventTypes: [...values.eventTypes] } } });
                      setEditing(null);
                      setNotice({ ok: true, text: t('webhooks.saved') });
                    }}
                  />
                ) : (
                  <Stack gap={2}>
                    <HStack wrap="wrap" gap={2}>
                      <Text fontWeight="semibold" wordBreak="break-all">{e.url}</Text>
                      <Badge colorPalette={e.enabled ? 'green' : 'red'}>{e.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}</Badge>
                    </HStack>
                    {e.description && <Text>{e.description}</Text>}
                    {!e.enabled && e.disabledReason && <Text fontSize="sm">{t('webhooks.disabledReason', { reason: e.disabledReason })}</Text>}
                    <Text fontSize="sm" wordBreak="break-word">{t('webhooks.receives', { types: e.eventTypes.join(', ') })}</Text>
                    {e.previousSecretExpiresAt && <Text fontSize="sm">{t('webhooks.overlap', { when: formatDateTime(e.previousSecretExpiresAt, locale) })}</Text>}
                    <HStack wrap="wrap" gap={2}>
                      <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to={`/webhooks/${e.id}`} aria-label={t('webhooks.logLabel', { url: e.url })}>{t('webhooks.log')}</Link></ChakraLink>
                      <Button size="xs" variant="outline" aria-label={t('webhooks.testLabel', { url: e.url })} disabled={!e.enabled} onClick={() => void attempt(async () => {
                        await sendTest({ variables: { endpointId: e.id } });
                        setNotice({ ok: true, text: t('webhooks.testSent', { url: e.url }) });
                      })}>{t('webhooks.test')}</Button>
                      <Button size="xs" variant="outline" aria-label={t('webhooks.editLabel', { url: e.url })} onClick={() => setEditing(e.id)}>{t('webhooks.edit')}</Button>
                      <Button size="xs" variant="outline" onClick={() => void attempt(async () => {
                        await update({ variables: { id: e.id, input: { enabled: !e.enabled } } });
                      })} aria-label={t(e.enabled ? 'webhooks.pauseLabel' : 'webhooks.enableLabel', { url: e.url })}>{e.enabled ? t('webhooks.pause') : t('webhooks.enable')}</Button>
                      <Button size="xs" variant="outline" aria-label={t('webhooks.rotateLabel', { url: e.url })} onClick={() => setAsking({ kind: 'rotate', id: e.id, url: e.url })}>{t('webhooks.rotate')}</Button>
                      <Button size="xs" variant="outline" colorPalette="red" aria-label={t('webhooks.deleteLabel', { url: e.url })} onClick={() => setAsking({ kind: 'delete', id: e.id, url: e.url })}>{t('webhooks.delete')}</Button>
                    </HStack>
                  </Stack>
                )}
              </Box>
            ))}
          </Stack>
        </Stack>
      </Section>
      <ConfirmDialog
        open={asking !== null}
        title={asking?.kind === 'rotate' ? t('webhooks.rotateTitle', { url: asking.url }) : t('webhooks.deleteTitle', { url: asking?.url ?? '' })}
        body={asking?.kind === 'rotate' ? t('webhooks.rotateBody', { count: OVERLAP_HOURS }) : t('webhooks.deleteBody')}
        confirmLabel={asking?.kind === 'rotate' ? t('webhooks.rotate') : t('webhooks.delete')}
        busy={removeState.loading || rotateState.loading}
        onConfirm={confirm}
        onCancel={() => setAsking(null)}
      />
    </Stack>
  );
}
