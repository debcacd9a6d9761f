import { Box, Stack, Table, Text, VisuallyHidden } from '@chakra-ui/react';
import type { ReactNode } from 'react';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import type { PaymentFieldsFragment } from '../../gql/graphql.ts';
import { paymentState } from './money.ts';
import { moneyText, tokensText } from './words.ts';

export type ListedPayment = PaymentFieldsFragment & { readonly buyer?: { readonly id: string; readonly email: string } };

/** Payments in a table: when, who (for the organisation's list), how many tokens, for how much, where each stands and its refunds. */
export function PaymentList(props: { payments: readonly ListedPayment[]; showBuyer: boolean; action?: (payment: ListedPayment) => ReactNode }) {
  const { t, locale } = useI18n();
  return (
    <Box overflowX="auto" position="relative">
      <Table.Root size="sm" aria-label={t('payments.tableLabel')}>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader>{t('payments.when')}</Table.ColumnHeader>
            {props.showBuyer && <Table.ColumnHeader>{t('payments.buyer')}</Table.ColumnHeader>}
            <Table.ColumnHeader textAlign="end">{t('payments.tokens')}</Table.ColumnHeader>
            <Table.ColumnHeader textAlign="end">{t('payments.total')}</Table.ColumnHeader>
            <Table.ColumnHeader>{t('payments.status')}</Table.ColumnHeader>
            <Table.ColumnHeader>{t('payments.refunds')}</Table.ColumnHeader>
            {props.action && <Table.ColumnHeader><VisuallyHidden>{t('payments.refund')}</VisuallyHidden></Table.ColumnHeader>}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {props.payments.map((p) => (
            <Table.Row key={p.id}>
              <Table.Cell whiteSpace="nowrap">{formatDateTime(p.createdAt, locale)}</Table.Cell>
              {props.showBuyer && <Table.Cell wordBreak="break-all">{p.buyer?.email}</Table.Cell>}
              <Table.Cell textAlign="end" whiteSpace="nowrap">{tokensText(p.tokens, p.token, locale)}</Table.Cell>
              <Table.Cell textAlign="end" whiteSpace="nowrap">{moneyText(p.total, p, locale)}</Table.Cell>
              <Table.Cell>{t(`payments.state.${paymentState(p)}`)}</Table.Cell>
              <Table.Cell>
                {p.refunds.length === 0 ? t('payments.noRefund') : (
                  <Stack gap={0}>
                    {p.refunds.map((r) => (
                      <Text key={r.id} fontSize="sm">
                        {r.status === 'PENDING' || r.status === 'SUCCEEDED'
                          ? t('payments.refundLine', { tokens: tokensText(r.tokens, p.token, locale), amount: moneyText(r.amount, p, locale), state: t(`payments.refundState.${r.status}`) })
                          : t('payments.refundLineNotMade', { tokens: tokensText(r.tokens, p.token, locale), state: t(`payments.refundState.${r.status}`) })}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Cell>
              {props.action && <Table.Cell>{props.action(p)}</Table.Cell>}
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </Box>
  );
}
