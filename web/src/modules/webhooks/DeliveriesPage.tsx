import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Code, Field, HStack, Heading, Input, Link as ChakraLink, Stack, Table, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { messageFor } from '../../ui/errors.ts';
import { Notice, useNoticedAction } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { appendPage } from '../notifications/pages.ts';
import { latestAttempt, localToInstant, outcomeWord } from './rules.ts';
import { DELIVERIES, REPLAY_ONE, REPLAY_SINCE } from './webhooks.operations.ts';

/** Deliveries asked for at a time (the operation's `first`). */
const PAGE = 20;

/** One endpoint's delivery log, newest first: status, time, duration, the answer's beginning; replay one or all since a time. */
export default function DeliveriesPage() {
  const { t, locale } = useI18n();
  const { id } = useParams();
  const { data, error, refetch, loading, fetchMore } = useQuery(DELIVERIES, { fetchPolicy: 'cache-and-network' });
  const [olderDone, setOlderDone] = useState(false);
  const [replayOne] = useMutation(REPLAY_ONE);
  const [replaySince, replaySinceState] = useMutation(REPLAY_SINCE);
  const { notice, setNotice, attempt } = useNoticedAction();
  const [since, setSince] = useState('');
  const [sinceError, setSinceError] = useState<string | null>(null);
  const endpoint = data?.webhookEndpoints.find((e) => e.id === id);
  const deliveries = endpoint?.deliveries ?? [];

  const older = () => void fetchMore({
    variables: { before: deliveries.at(-1)?.createdAt ?? null },
    updateQuery: (prev, { fetchMoreResult }) => {
      const next = fetchMoreResult.webhookEndpoints.find((x) => x.id === id)?.deliveries ?? [];
      return { webhookEndpoints: prev.webhookEndpoints.map((x) => (x.id === id ? { ...x, deliveries: appendPage({ nodes: x.deliveries, hasNextPage: true }, { nodes: next, hasNextPage: true }).nodes } : x)) };
    },
  }).then((r) => setOlderDone((r.data?.webhookEndpoints.find((x) => x.id === id)?.deliveries.length ?? 0) < PAGE));

  const submitSince = (e: FormEvent) => {
    e.preventDefault();
    const instant = localToInstant(since);
    setSinceError(instant ? null : t('webhooks.sinceInvalid'));
    if (!instant || !id) return;
    void attempt(async () => {
      const r = await replaySince({ variables: { endpointId: id, since: instant } });
      setNotice({ ok: true, text: t('webhooks.replayedSince', { count: r.data?.replayWebhookDeliveries ?? 0 }) });
      await refetch();
    });
  };

  return (
    <Stack gap={6}>
      <ChakraLink asChild color="brand.fg" textDecoration="underline" alignSelf="start"><Link to="/webhooks">{t('webhooks.back')}</Link></ChakraLink>
      <Heading as="h1" size="xl" wordBreak="break-all">{t('webhooks.logTitle', { url: endpoint?.url ?? '' })}</Heading>
      {error && <Text role="alert" color="fg.error">{messageFor(error)}</Text>}
      {data && !endpoint && <Text role="alert">{t('errors.code.NOT_FOUND')}</Text>}
      <Notice notice={notice} />
      {endpoint && (
        <>
          <Section title={t('webhooks.replaySinceTitle')}>
            <form onSubmit={submitSince} noValidate>
              <HStack align="end" wrap="wrap" gap={3}>
                <Field.Root invalid={Boolean(sinceError)} maxW="xs">
                  <Field.Label>{t('webhooks.since')}</Field.Label>
                  <Input type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
                  <Field.ErrorText>{sinceError}</Field.ErrorText>
                </Field.Root>
                <Button type="submit" variant="outline" loading={replaySinceState.loading}>{t('webhooks.replayAll')}</Button>
              </HStack>
            </form>
          </Section>
          <Section title={t('webhooks.deliveriesTitle')}>
            <Stack gap={3}>
              <Button alignSelf="start" size="sm" variant="outline" loading={loading} onClick={() => void refetch()}>{t('webhooks.refresh')}</Button>
              {deliveries.length === 0 ? <Text>{t('webhooks.noDeliveries')}</Text> : (
                <Table.ScrollArea borderWidth="1px" borderRadius="md">
                  <Table.Root size="sm">
                    <Table.Caption>{t('webhooks.deliveriesTitle')}</Table.Caption>
                    <Table.Header>
                      <Table.Row>
                        {(['when', 'event', 'status', 'attempts', 'duration', 'response', 'action'] as const).map((c) => <Table.ColumnHeader key={c} scope="col">{t(`webhooks.column.${c}`)}</Table.ColumnHeader>)}
                      </Table.Row>
                    </Table.Header>
                    <Table.Body>
                      {deliveries.map((d) => {
                        const last = latestAttempt(d.attempts);
                        return (
                          <Table.Row key={d.id} data-delivery={d.id}>
                            <Table.Cell>{formatDateTime(d.createdAt, locale)}</Table.Cell>
                            <Table.Cell><Code>{d.eventType}</Code></Table.Cell>
                            <Table.Cell>{t(`webhooks.status.${outcomeWord(d.status)}`)}{last?.responseStatus ? ` (${last.responseStatus})` : ''}</Table.Cell>
                            <Table.Cell>
                              {d.attempts.length === 0 ? d.attemptCount : (
                                <details>
                                  <summary>{d.attemptCount}</summary>
                                  <Box as="ol" ps={4} fontSize="xs">
                                    {[...d.attempts].sort((a, b) => a.attempt - b.attempt).map((a) => (
                                      <li key={a.attempt}>{t('webhooks.attemptLine', { outcome: t(`webhooks.status.${outcomeWord(a.outcome)}`), when: formatDateTime(a.startedAt, locale), answer: a.responseStatus ?? a.error ?? '—' })}</li>
                                    ))}
                                  </Box>
                                </details>
                              )}
                            </Table.Cell>
                            <Table.Cell>{last?.durationMs != null ? t('webhooks.ms', { count: last.durationMs }) : '—'}</Table.Cell>
                            <Table.Cell maxW="xs"><Text fontSize="xs" wordBreak="break-all" lineClamp={3}>{last?.responseExcerpt ?? last?.error ?? '—'}</Text></Table.Cell>
                            <Table.Cell>
                              <Button size="xs" variant="outline" aria-label={t('webhooks.replayLabel', { event: d.eventType, when: formatDateTime(d.createdAt, locale) })} onClick={() => void attempt(async () => {
                                await replayOne({ variables: { deliveryId: d.id } });
                                setNotice({ ok: true, text: t('webhooks.replayed') });
                                await refetch();
                              })}>{t('webhooks.replay')}</Button>
                            </Table.Cell>
                          </Table.Row>
                        );
                      })}
                    </Table.Body>
                  </Table.Root>
                </Table.ScrollArea>
              )}
              {deliveries.length >= PAGE && !olderDone && <Button alignSelf="start" size="sm" variant="outline" loading={loading} onClick={older}>{t('webhooks.older')}</Button>}
            </Stack>
          </Section>
        </>
      )}
    </Stack>
  );
}
