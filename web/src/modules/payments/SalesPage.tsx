import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Field, HStack, Heading, Input, NativeSelect, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import type { PaymentStatus } from '../../gql/graphql.ts';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { dateRange } from '../wallet/history.ts';
import { RECIPIENTS } from '../wallet/wallet.operations.ts';
import { PaymentList, type ListedPayment } from './PaymentList.tsx';
import { ORGANIZATION_PAYMENTS, RECONCILE, TOKEN_PRICES } from './payments.operations.ts';
import { RefundDialog, refundable } from './RefundDialog.tsx';
import { moneyText } from './words.ts';

const PAGE = 20;
const STATUSES: readonly PaymentStatus[] = ['SUCCEEDED', 'PROCESSING', 'REQUIRES_ACTION', 'REQUIRES_PAYMENT_METHOD', 'CANCELED'];
const isStatus = (value: string): value is PaymentStatus => (STATUSES as readonly string[]).includes(value);

/** The organisation's payments with filters in the URL, and refunds for those allowed to make them. */
export default function SalesPage() {
  const { t, locale } = useI18n();
  const { claims, can } = useSession();
  const [params, setParams] = useSearchParams();
  const [status, tokenId, buyerId, from, to] = ['status', 'token', 'buyer', 'from', 'to'].map((k) => params.get(k) ?? '') as [string, string, string, string, string];
  const range = dateRange(from, to);
  const input = { first: PAGE, status: isStatus(status) ? status : null, tokenId: tokenId || null, buyerId: buyerId || null, from: range?.from ?? null, to: range?.to ?? null };
  const payments = useQuery(ORGANIZATION_PAYMENTS, { variables: { input }, skip: !range, fetchPolicy: 'cache-and-network' });
  const tokens = useQuery(TOKEN_PRICES);
  const members = useQuery(RECIPIENTS, { variables: { organizationId: claims?.org ?? '' }, skip: !claims?.org });
  const [reconcile, reconcileState] = useMutation(RECONCILE, { refetchQueries: ['OrganizationPayments'] });
  const [refunding, setRefunding] = useState<ListedPayment | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const page = payments.data?.organizationPayments;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const more = () => void payments.fetchMore({
    variables: { input: { ...input, after: page?.endCursor ?? null } },
    updateQuery: (prev, { fetchMoreResult }) => ({ organizationPayments: { ...fetchMoreResult.organizationPayments, nodes: [...prev.organizationPayments.nodes, ...fetchMoreResult.organizationPayments.nodes] } }),
  });
  const askProvider = async () => {
    setNotice(null);
    try {
      const r = await reconcile();
      if (r.data) setNotice({ ok: true, text: t('payments.reconciled', r.data.reconcilePayments) });
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };
  const mayRefund = (p: ListedPayment) => can('payment:refund') && p.status === 'SUCCEEDED' && p.issuance === 'ISSUED' && refundable(p) > 0n;

  return (
    <Stack gap={6}>
      <Heading as="h1" size="xl">{t('payments.salesTitle')}</Heading>
      <Stack as="form" role="search" aria-label={t('payments.filters')} onSubmit={(e) => e.preventDefault()}>
        <HStack gap={3} wrap="wrap" align="start">
          <Field.Root maxW="xs"><Field.Label>{t('payments.statusFilter')}</Field.Label>
            <NativeSelect.Root><NativeSelect.Field value={status} onChange={(e) => set('status', e.target.value)}>
              <option value="">{t('payments.allStatuses')}</option>
              {STATUSES.map((s) => <option key={s} value={s}>{t(`payments.apiStatus.${s}`)}</option>)}
            </NativeSelect.Field></NativeSelect.Root>
          </Field.Root>
          <Field.Root maxW="40"><Field.Label>{t('payments.token')}</Field.Label>
            <NativeSelect.Root><NativeSelect.Field value={tokenId} onChange={(e) => set('token', e.target.value)}>
              <option value="">{t('payments.allTokens')}</option>
              {(tokens.data?.tokens ?? []).map((tk) => <option key={tk.id} value={tk.id}>{tk.symbol}</option>)}
            </NativeSelect.Field></NativeSelect.Root>
          </Field.Root>
          <Field.Root maxW="xs"><Field.Label>{t('payments.buyer')}</Field.Label>
            <NativeSelect.Root><NativeSelect.Field value={buyerId} onChange={(e) => set('buyer', e.target.value)}>
              <option value="">{t('payments.allBuyers')}</option>
              {(members.data?.organization?.members ?? []).map((m) => <option key={m.user.id} value={m.user.id}>{m.user.email}</option>)}
            </NativeSelect.Field></NativeSelect.Root>
          </Field.Root>
          <Field.Root maxW="44"><Field.Label>{t('payments.fromDate')}</Field.Label><Input type="date" value={from} onChange={(e) => set('from', e.target.value)} /></Field.Root>
          <Field.Root maxW="44" invalid={!range}>
            <Field.Label>{t('payments.toDate')}</Field.Label>
            <Input type="date" value={to} onChange={(e) => set('to', e.target.value)} />
            <Field.ErrorText>{t('payments.badRange')}</Field.ErrorText>
          </Field.Root>
        </HStack>
      </Stack>
      <Button variant="outline" alignSelf="start" whiteSpace="normal" h="auto" py={2} loading={reconcileState.loading} onClick={() => void askProvider()}>{t('payments.reconcile')}</Button>
      <Notice notice={notice} />
      {payments.error && <Text role="alert" color="fg.error">{messageFor(payments.error)}</Text>}
      {range && page && page.nodes.length === 0 && <Text role="status">{t('payments.noneSales')}</Text>}
      {page && page.nodes.length > 0 && (
        <PaymentList
          payments={page.nodes}
          showBuyer
          action={(p) => mayRefund(p) && (
            <Button size="xs" variant="outline" colorPalette="red" aria-label={t('payments.refundLabel', { total: moneyText(p.total, p, locale), buyer: p.buyer?.email ?? '' })} onClick={() => { setNotice(null); setRefunding(p); }}>
              {t('payments.refund')}
            </Button>
          )}
        />
      )}
      {page?.hasNextPage && <Button variant="outline" alignSelf="start" onClick={more}>{t('payments.older')}</Button>}
      {refunding && <RefundDialog payment={refunding} owner={claims?.role === 'owner'} onClose={(done) => { setRefunding(null); if (done) setNotice(done); }} />}
    </Stack>
  );
}
