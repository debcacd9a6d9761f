import { Box, Button, HStack, Table, Text } from '@chakra-ui/react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import { Section } from '../../ui/Section.tsx';
import { chartValue, downloadCsv } from './range.ts';

/** Colours from the theme's semantic tokens, so each reads on light and dark backgrounds alike. */
export const SERIES_COLORS = ['var(--chakra-colors-blue-solid)', 'var(--chakra-colors-green-solid)', 'var(--chakra-colors-orange-solid)', 'var(--chakra-colors-purple-solid)'];

export interface Series {
  readonly key: string;
  readonly label: string;
  /** One value per period: strings of minor units (amounts) or counts. */
  readonly values: readonly (string | number)[];
}

export interface SeriesChartProps {
  readonly title: string;
  readonly periods: readonly string[];
  readonly series: readonly Series[];
  readonly kind: 'line' | 'bar';
  /** Amounts have the token's decimals; counts have none and are not amounts. */
  readonly decimals: number | null;
  /** A level to draw across the chart (the supply cap), in minor units. */
  readonly limit?: { readonly label: string; readonly value: string } | null;
  readonly csv?: { readonly content: string; readonly fileName: string } | null;
}

/**
 * A chart drawn with Recharts (SVG, so it scales on a phone and takes the theme's colours) with its accessible
 * alternative: the same numbers, exact, in a table the person can open, and as a CSV download.
 */
export function SeriesChart(props: SeriesChartProps) {
  const { t, locale } = useI18n();
  const text = (v: string | number) => (props.decimals === null ? new Intl.NumberFormat(locale).format(Number(v)) : formatAmount(String(v), props.decimals, locale));
  const plotted = (v: string | number) => (props.decimals === null ? Number(v) : chartValue(String(v), props.decimals));
  const data = props.periods.map((label, i) => ({ label, ...Object.fromEntries(props.series.map((s) => [s.key, plotted(s.values[i] ?? 0)])) }));
  const scale = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const axis = { stroke: 'var(--chakra-colors-fg-muted)', fontSize: 12 };
  const parts = (
    <>
      <CartesianGrid stroke="var(--chakra-colors-border)" strokeDasharray="3 3" />
      <XAxis dataKey="label" tick={axis} stroke="var(--chakra-colors-fg-muted)" minTickGap={12} />
      <YAxis tick={axis} stroke="var(--chakra-colors-fg-muted)" width={48} tickFormatter={(v: number) => scale.format(v)} />
      <Tooltip
        formatter={(v) => new Intl.NumberFormat(locale, { maximumFractionDigits: props.decimals ?? 0 }).format(Number(v))}
        contentStyle={{ background: 'var(--chakra-colors-bg-panel)', color: 'var(--chakra-colors-fg)', borderColor: 'var(--chakra-colors-border)' }}
      />
      <Legend />
      {props.limit && <ReferenceLine y={plotted(props.limit.value)} stroke="var(--chakra-colors-red-solid)" strokeDasharray="6 3" label={{ value: props.limit.label, fill: 'var(--chakra-colors-fg)', fontSize: 12, position: 'insideTopLeft' }} />}
    </>
  );
  return (
    <Section title={props.title}>
      <Box role="img" aria-label={t('analytics.chartLabel', { title: props.title })} width="100%" height="260px">
        <ResponsiveContainer width="100%" height="100%">
          {props.kind === 'line' ? (
            <LineChart data={data} accessibilityLayer={false}>
              {parts}
              {props.series.map((s, i) => <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />)}
            </LineChart>
          ) : (
            <BarChart data={data} accessibilityLayer={false}>
              {parts}
              {props.series.map((s, i) => <Bar key={s.key} dataKey={s.key} name={s.label} fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} />)}
            </BarChart>
          )}
        </ResponsiveContainer>
      </Box>
      <HStack mt={2} gap={3} wrap="wrap">
        {props.csv && <Button size="sm" variant="outline" onClick={() => downloadCsv(props.csv!.content, props.csv!.fileName)}>{t('analytics.downloadCsv')}</Button>}
      </HStack>
      <Box as="details" mt={2}>
        <Text as="summary" cursor="pointer" color="brand.fg" textDecoration="underline">{t('analytics.showTable', { title: props.title })}</Text>
        <Box overflowX="auto" mt={2}>
          <Table.Root size="sm" aria-label={props.title}>
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeader>{t('analytics.period')}</Table.ColumnHeader>
                {props.series.map((s) => <Table.ColumnHeader key={s.key} textAlign="end">{s.label}</Table.ColumnHeader>)}
                {props.limit && <Table.ColumnHeader textAlign="end">{props.limit.label}</Table.ColumnHeader>}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {props.periods.map((label, i) => (
                <Table.Row key={`${label}-${i}`}>
                  <Table.Cell whiteSpace="nowrap">{label}</Table.Cell>
                  {props.series.map((s) => <Table.Cell key={s.key} textAlign="end" whiteSpace="nowrap">{text(s.values[i] ?? 0)}</Table.Cell>)}
                  {props.limit && <Table.Cell textAlign="end" whiteSpace="nowrap">{text(props.limit.value)}</Table.Cell>}
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Box>
      </Box>
    </Section>
  );
}
