import { useQuery } from '@apollo/client/react';
import { Badge, Box, Button, Field, Heading, Input, NativeSelect, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import type { AuditOutcome, AuditTrailFilter } from '../../gql/graphql.ts';
import { messageFor } from '../../ui/errors.ts';
import { AUDIT_TRAIL } from '../analytics/analytics.operations.ts';
import { browserTimeZone, downloadCsv } from '../analytics/range.ts';

interface Draft {
  readonly actor: string;
  readonly action: string;
  readonly outcome: '' | AuditOutcome;
  readonly from: string;
  readonly to: string;
}

const EMPTY: Draft = { actor: '', action: '', outcome: '', from: '', to: '' };

/** Local `YYYY-MM-DD` dates of the form as instants: from the first day's start to the end of the last. */
export function filterOf(d: Draft): AuditTrailFilter {
  const start = (day: string) => new Date(`${day}T00:00:00`).toISOString();
  const end = (day: string) => new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString();
  return {
    actor: d.actor.trim() || null,
    action: d.action.trim() || null,
    outcome: d.outcome || null,
    from: d.from ? start(d.from) : null,
    to: d.to ? end(d.to) : null,
  };
}

/** Every audited action of the organisation across the platform, for its auditors: filtered, paged, exported. */
export default function AuditPage() {
  const { t, locale, language } = useI18n();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filter, setFilter] = useState<AuditTrailFilter>({});
  const timeZone = browserTimeZone();
  const trail = useQuery(AUDIT_TRAIL, { variables: { filter, after: null, locale: language, timeZone } });
  const page = trail.data?.auditTrail;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  return (
    <Stack gap={6}>
      <Heading as="h1" size="xl">{t('audit.title')}</Heading>
      <Text>{t('audit.intro')}</Text>
      <Box as="form" onSubmit={(e) => { e.preventDefault(); setFilter(filterOf(draft)); }}>
        <SimpleGrid columns={{ base: 1, sm: 2, md: 3 }} gap={3} alignItems="end">
          <Field.Root>
            <Field.Label>{t('audit.actor')}</Field.Label>
            <Input value={draft.actor} onChange={(e) => set({ actor: e.target.value })} />
            <Field.HelperText>{t('audit.actorHint')}</Field.HelperText>
          </Field.Root>
          <Field.Root>
            <Field.Label>{t('audit.action')}</Field.Label>
            <Input value={draft.action} onChange={(e) => set({ action: e.target.value })} />
            <Field.HelperText>{t('audit.actionHint')}</Field.HelperText>
          </Field.Root>
          <Field.Root>
            <Field.Label>{t('audit.outcome')}</Field.Label>
            <NativeSelect.Root>
              <NativeSelect.Field value={draft.outcome} onChange={(e) => set({ outcome: e.target.value as Draft['outcome'] })}>
                <option value="">{t('audit.anyOutcome')}</option>
                <option value="SUCCESS">{t('audit.SUCCESS')}</option>
                <option value="FAILURE">{t('audit.FAILURE')}</option>
              </NativeSelect.Field>
            </NativeSelect.Root>
          </Field.Root>
          <Field.Root>
            <Field.Label>{t('audit.from')}</Field.Label>
            <Input type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
          </Field.Root>
          <Field.Root>
            <Field.Label>{t('audit.to')}</Field.Label>
            <Input type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
          </Field.Root>
          <Button type="submit">{t('audit.apply')}</Button>
        </SimpleGrid>
      </Box>
      {trail.error && <Text role="alert" color="fg.error">{messageFor(trail.error)}</Text>}
      {page && page.entries.length === 0 && <Text>{t('audit.empty')}</Text>}
      {page && page.entries.length > 0 && (
        <>
          <Box overflowX="auto">
            <Table.Root size="sm" aria-label={t('audit.tableLabel')}>
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeader>{t('audit.when')}</Table.ColumnHeader>
                  <Table.ColumnHeader>{t('audit.service')}</Table.ColumnHeader>
                  <Table.ColumnHeader>{t('audit.actor')}</Table.ColumnHeader>
                  <Table.ColumnHeader>{t('audit.action')}</Table.ColumnHeader>
                  <Table.ColumnHeader>{t('audit.outcome')}</Table.ColumnHeader>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {page.entries.map((e) => (
                  <Table.Row key={e.id}>
                    <Table.Cell whiteSpace="nowrap">{formatDateTime(e.at, locale)}</Table.Cell>
                    <Table.Cell>{e.subgraph}</Table.Cell>
                    <Table.Cell wordBreak="break-all">{e.actor}</Table.Cell>
                    <Table.Cell>{e.action}</Table.Cell>
                    <Table.Cell>
                      <Badge colorPalette={e.outcome === 'FAILURE' ? 'red' : 'green'}>{t(`audit.${e.outcome}`)}</Badge>
                      {e.errorCode && <Text as="span" ms={2} fontSize="sm">{e.errorCode}</Text>}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </Box>
          <Stack direction="row" gap={3} wrap="wrap">
            <Button size="sm" variant="outline" onClick={() => downloadCsv(page.csv, 'audit-trail.csv')}>{t('analytics.downloadCsv')}</Button>
            {page.next && (
              <Button size="sm" variant="outline" loading={trail.loading} onClick={() => void trail.fetchMore({
                variables: { after: page.next },
                updateQuery: (prev, { fetchMoreResult }) => ({ auditTrail: { ...fetchMoreResult.auditTrail, entries: [...prev.auditTrail.entries, ...fetchMoreResult.auditTrail.entries], csv: `${prev.auditTrail.csv}${fetchMoreResult.auditTrail.csv.split('\r\n').slice(1).join('\r\n')}` } }),
              })}>{t('audit.more')}</Button>
            )}
          </Stack>
        </>
      )}
    </Stack>
  );
}
