import { Badge, Box, Link as ChakraLink, Stack, Table, Text } from '@chakra-ui/react';
import { Link } from 'react-router';
import { formatAmount } from '../../app/amount.ts';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { counterparty, type HistoryRow, type Party } from './history.ts';

/** The words for one row, shared by the table, the phone list and the CSV export. */
export function useRowWords() {
  const { t, locale } = useI18n();
  const partyName = (p: Party) => (p.type === 'member' ? p.email : t('history.organisation'));
  return {
    when: (row: HistoryRow) => formatDateTime(row.createdAt, locale),
    kind: (row: HistoryRow) => t(`history.kind.${row.kind}`),
    what: (row: HistoryRow) => {
      if (row.direction === null) return t('history.fromTo', { from: partyName(row.from), to: partyName(row.to) });
      const other = partyName(counterparty(row));
      return row.direction === 'in' ? t('history.from', { party: other }) : t('history.to', { party: other });
    },
    direction: (row: HistoryRow) => (row.direction === null ? '' : t(`history.direction.${row.direction}`)),
    amount: (row: HistoryRow) => {
      const sign = row.direction === 'in' ? '+' : row.direction === 'out' ? '−' : '';
      return `${sign}${formatAmount(row.amount, row.token.decimals, locale)} ${row.token.symbol}`;
    },
  };
}

function Direction({ row }: { row: HistoryRow }) {
  const words = useRowWords();
  if (row.direction === null) return null;
  return <Badge colorPalette={row.direction === 'in' ? 'green' : 'orange'} variant="outline">{row.direction === 'in' ? '↓' : '↑'} {words.direction(row)}</Badge>;
}

/** History as a table on wide screens and as a list of cards on a phone, where columns would be cut. */
export function HistoryList({ rows }: { rows: readonly HistoryRow[] }) {
  const { t } = useI18n();
  const words = useRowWords();
  const detail = (row: HistoryRow) => (
    <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to={`/transactions/${row.id}`}>{words.what(row)}</Link></ChakraLink>
  );
  return (
    <>
      <Box display={{ base: 'none', md: 'block' }}>
        <Table.Root size="sm" aria-label={t('history.tableLabel')}>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>{t('history.when')}</Table.ColumnHeader>
              <Table.ColumnHeader>{t('history.what')}</Table.ColumnHeader>
              <Table.ColumnHeader>{t('history.memo')}</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">{t('history.amount')}</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.id}>
                <Table.Cell whiteSpace="nowrap">{words.when(row)}</Table.Cell>
                <Table.Cell><Stack gap={1} align="start"><Text as="span">{words.kind(row)} <Direction row={row} /></Text>{detail(row)}</Stack></Table.Cell>
                <Table.Cell>{row.memo}</Table.Cell>
                <Table.Cell textAlign="end" whiteSpace="nowrap" fontWeight="semibold">{words.amount(row)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Box>
      <Stack as="ul" listStyleType="none" gap={2} display={{ base: 'flex', md: 'none' }} aria-label={t('history.tableLabel')}>
        {rows.map((row) => (
          <Box as="li" key={row.id} borderWidth="1px" borderRadius="md" p={3}>
            <Text fontWeight="semibold">{words.amount(row)} <Direction row={row} /></Text>
            <Text>{detail(row)}</Text>
            {row.memo && <Text>{row.memo}</Text>}
            <Text fontSize="sm">{words.kind(row)} · {words.when(row)}</Text>
          </Box>
        ))}
      </Stack>
    </>
  );
}
