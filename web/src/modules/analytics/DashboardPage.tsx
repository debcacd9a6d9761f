import { useQuery } from '@apollo/client/react';
import { Box, Button, Field, Heading, Input, NativeSelect, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { formatAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import { messageFor } from '../../ui/errors.ts';
import { Section } from '../../ui/Section.tsx';
import { DASHBOARD, DASHBOARD_TOKENS } from './analytics.operations.ts';
import { browserTimeZone, downloadCsv, lastDays, periodLabel, type Granularity, type Range } from './range.ts';
import { SeriesChart } from './SeriesChart.tsx';

const GRANULARITIES: Granularity[] = ['DAY', 'WEEK', 'MONTH'];

/** The organisation's programme in numbers: supply against its cap, movements, active members, top holders. */
export default function DashboardPage() {
  const { t, locale, language } = useI18n();
  const tokens = useQuery(DASHBOARD_TOKENS);
  const [picked, setPicked] = useState<string | null>(null);
  const [draft, setDraft] = useState<Range>(() => lastDays(30, 'DAY', browserTimeZone()));
  const [range, setRange] = useState<Range>(draft);
  const token = tokens.data?.tokens.find((x) => x.id === picked) ?? tokens.data?.tokens[0];
  const report = useQuery(DASHBOARD, {
    variables: { tokenId: token?.id ?? '', range, locale: language, decimals: token?.decimals ?? 0 },
    skip: !token,
  });
  const error = tokens.error ?? report.error;
  const data = report.data;
  const labels = data?.tokenAnalytics.periods.map((p) => periodLabel(p.start, range.granularity, locale)) ?? [];
  const amount = (v: string) => (token ? `${formatAmount(v, token.decimals, locale)} ${token.symbol}` : v);
  const file = (name: string) => `${token?.symbol ?? 'token'}-${name}-${range.from}-${range.to}.csv`;
  const periods = data?.tokenAnalytics.periods ?? [];
  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('analytics.title')}</Heading>
      {error && <Text role="alert" color="fg.error">{messageFor(error)}</Text>}
      {tokens.data && tokens.data.tokens.length === 0 && <Text>{t('analytics.noToken')}</Text>}
      {token && (
        <Box as="form" onSubmit={(e) => { e.preventDefault(); setRange(draft); }}>
          <SimpleGrid columns={{ base: 1, sm: 2, md: 5 }} gap={3} alignItems="end">
            <Field.Root>
              <Field.Label>{t('analytics.token')}</Field.Label>
              <NativeSelect.Root>
                <NativeSelect.Field value={token.id} onChange={(e) => setPicked(e.target.value)}>
                  {tokens.data?.tokens.map((x) => <option key={x.id} value={x.id}>{x.name} ({x.symbol})</option>)}
                </NativeSelect.Field>
              </NativeSelect.Root>
            </Field.Root>
            <Field.Root>
              <Field.Label>{t('analytics.granularity')}</Field.Label>
              <NativeSelect.Root>
                <NativeSelect.Field value={draft.granularity} onChange={(e) => setDraft({ ...draft, granularity: e.target.value as Granularity })}>
                  {GRANULARITIES.map((g) => <option key={g} value={g}>{t(`analytics.per.${g}`)}</option>)}
                </NativeSelect.Field>
              </NativeSelect.Root>
            </Field.Root>
            <Field.Root>
              <Field.Label>{t('analytics.from')}</Field.Label>
              <Input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
            </Field.Root>
            <Field.Root>
              <Field.Label>{t('analytics.to')}</Field.Label>
              <Input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
            </Field.Root>
            <Button type="submit">{t('analytics.show')}</Button>
          </SimpleGrid>
          <Text fontSize="sm" color="fg.muted" mt={2}>{t('analytics.zone', { zone: range.timeZone })}</Text>
        </Box>
      )}
      {token && data && (
        <>
          <SimpleGrid as="dl" columns={{ base: 2, md: 4 }} gap={4}>
            {(['issued', 'sold', 'transferred', 'redeemed'] as const).map((k) => (
              <Box key={k} borderWidth="1px" borderRadius="md" p={3} bg="brand.subtle">
                <Text as="dt" fontSize="sm">{t(`analytics.${k}`)}</Text>
                <Text as="dd" fontSize="lg" fontWeight="bold">{amount(data.tokenAnalytics.totals[k])}</Text>
              </Box>
            ))}
            <Box borderWidth="1px" borderRadius="md" p={3} bg="brand.subtle">
              <Text as="dt" fontSize="sm">{t('analytics.transactions')}</Text>
              <Text as="dd" fontSize="lg" fontWeight="bold">{new Intl.NumberFormat(locale).format(data.tokenAnalytics.totals.transactions)}</Text>
            </Box>
            <Box borderWidth="1px" borderRadius="md" p={3} bg="brand.subtle">
              <Text as="dt" fontSize="sm">{t('analytics.activeMembers')}</Text>
              <Text as="dd" fontSize="lg" fontWeight="bold">{new Intl.NumberFormat(locale).format(data.tokenAnalytics.totals.activeMembers)}</Text>
            </Box>
            <Box borderWidth="1px" borderRadius="md" p={3} bg="brand.subtle">
              <Text as="dt" fontSize="sm">{t('analytics.circulatingSupply')}</Text>
              <Text as="dd" fontSize="lg" fontWeight="bold">{amount(data.tokenAnalytics.totals.circulatingSupply)}</Text>
            </Box>
          </SimpleGrid>
          <SeriesChart
            title={t('analytics.supplyTitle')}
            kind="line"
            periods={labels}
            decimals={token.decimals}
            series={[{ key: 'supply', label: t('analytics.circulatingSupply'), values: periods.map((p) => p.circulatingSupply) }]}
            limit={token.maxSupply ? { label: t('analytics.cap'), value: token.maxSupply } : null}
            csv={{ content: data.tokenAnalytics.csv, fileName: file('periods') }}
          />
          <SeriesChart
            title={t('analytics.movementsTitle')}
            kind="bar"
            periods={labels}
            decimals={token.decimals}
            series={(['issued', 'sold', 'transferred', 'redeemed'] as const).map((k) => ({ key: k, label: t(`analytics.${k}`), values: periods.map((p) => p[k]) }))}
            csv={{ content: data.tokenAnalytics.csv, fileName: file('periods') }}
          />
          <SeriesChart
            title={t('analytics.activeTitle')}
            kind="bar"
            periods={labels}
            decimals={null}
            series={[
              { key: 'active', label: t('analytics.activeMembers'), values: periods.map((p) => p.activeMembers) },
              { key: 'transactions', label: t('analytics.transactions'), values: periods.map((p) => p.transactions) },
            ]}
            csv={{ content: data.tokenAnalytics.csv, fileName: file('periods') }}
          />
          <Section title={t('analytics.holdersTitle')}>
            <Text mb={2}>
              {t('analytics.holdersLine', {
                count: data.tokenHolders.holders,
                share: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(data.tokenHolders.topDecileShare),
              })}
            </Text>
            <Box overflowX="auto">
              <Table.Root size="sm" aria-label={t('analytics.holdersTitle')}>
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeader>{t('analytics.rank')}</Table.ColumnHeader>
                    <Table.ColumnHeader>{t('analytics.member')}</Table.ColumnHeader>
                    <Table.ColumnHeader textAlign="end">{t('analytics.balance')}</Table.ColumnHeader>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {data.tokenHolders.top.map((h, i) => (
                    <Table.Row key={h.user.id}>
                      <Table.Cell>{i + 1}</Table.Cell>
                      <Table.Cell wordBreak="break-all">{h.user.email}</Table.Cell>
                      <Table.Cell textAlign="end" whiteSpace="nowrap">{amount(h.balance)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            </Box>
            <Button mt={2} size="sm" variant="outline" onClick={() => downloadCsv(data.tokenHolders.csv, file('holders'))}>{t('analytics.downloadCsv')}</Button>
          </Section>
        </>
      )}
    </Stack>
  );
}
