import { useQuery } from '@apollo/client/react';
import { Button, Field, HStack, Heading, Input, NativeSelect, Stack, Text } from '@chakra-ui/react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n.ts';
import { useLiveWallet } from '../../app/live-status.ts';
import { useSession } from '../../app/session.ts';
import { messageFor } from '../../ui/errors.ts';
import { HistoryList, useRowWords } from './HistoryList.tsx';
import { dateRange, describeTransaction, matchesSearch, toCsv } from './history.ts';
import { HISTORY, HISTORY_TOKENS, LEDGER } from './wallet.operations.ts';

const PAGE = 20;

/** Your history, or the whole organisation's ledger for auditors, admins and owners; every filter is in the URL. */
export default function HistoryPage() {
  const { t, locale } = useI18n();
  useLiveWallet();
  const { claims, can } = useSession();
  const [params, setParams] = useSearchParams();
  const ledgerAllowed = can('ledger:read');
  const view = ledgerAllowed && (params.get('view') ?? (can('token:transfer') ? 'mine' : 'organisation')) === 'organisation' ? 'organisation' : 'mine';
  const [tokenId, from, to, q] = ['token', 'from', 'to', 'q'].map((k) => params.get(k) ?? '') as [string, string, string, string];
  const range = dateRange(from, to);
  const input = { first: PAGE, tokenId: tokenId || null, from: range?.from ?? null, to: range?.to ?? null };
  const mine = useQuery(HISTORY, { variables: { input }, skip: view !== 'mine' || !range });
  const ledger = useQuery(LEDGER, { variables: { input }, skip: view !== 'organisation' || !range });
  const tokens = useQuery(HISTORY_TOKENS);
  const words = useRowWords();
  const page = view === 'mine' ? mine.data?.myTransactions : ledger.data?.organizationTransactions;
  const error = view === 'mine' ? mine.error : ledger.error;
  const rows = (page?.nodes ?? []).map((tx) => describeTransaction(tx, view === 'mine' ? claims?.sub ?? null : null));
  const shown = rows.filter((r) => matchesSearch(r, q));
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const more = () => {
    const variables = { input: { ...input, after: page?.endCursor ?? null } };
    if (view === 'mine') void mine.fetchMore({ variables, updateQuery: (prev, { fetchMoreResult }) => ({ myTransactions: { ...fetchMoreResult.myTransactions, nodes: [...prev.myTransactions.nodes, ...fetchMoreResult.myTransactions.nodes] } }) });
    else void ledger.fetchMore({ variables, updateQuery: (prev, { fetchMoreResult }) => ({ organizationTransactions: { ...fetchMoreResult.organizationTransactions, nodes: [...prev.organizationTransactions.nodes, ...fetchMoreResult.organizationTransactions.nodes] } }) });
  };
  const exportCsv = () => {
    const header = [t('history.when'), t('history.kindColumn'), t('history.directionColumn'), t('history.what'), t('history.memo'), t('history.amount')];
    const csv = toCsv(header, shown.map((r) => [words.when(r), words.kind(r), words.direction(r), words.what(r), r.memo ?? '', words.amount(r)]), locale.startsWith('fr') ? ';' : ',');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
    link.download = `${t('history.fileName')}-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <Stack gap={6}>
      <Heading as="h1" size="xl">{view === 'mine' ? t('history.title') : t('history.ledgerTitle')}</Heading>
      <Stack as="form" role="search" aria-label={t('history.filters')} gap={3} onSubmit={(e) => e.preventDefault()}>
        <HStack gap={3} wrap="wrap" align="start">
          {ledgerAllowed && (
            <Field.Root maxW="xs"><Field.Label>{t('history.view')}</Field.Label>
              <NativeSelect.Root><NativeSelect.Field value={view} onChange={(e) => set('view', e.target.value)}>
                <option value="mine">{t('history.viewMine')}</option>
                <option value="organisation">{t('history.viewOrganisation')}</option>
              </NativeSelect.Field></NativeSelect.Root>
            </Field.Root>
          )}
          <Field.Root maxW="40"><Field.Label>{t('history.token')}</Field.Label>
            <NativeSelect.Root><NativeSelect.Field value={tokenId} onChange={(e) => set('token', e.target.value)}>
              <option value="">{t('history.allTokens')}</option>
              {(tokens.data?.tokens ?? []).map((tk) => <option key={tk.id} value={tk.id}>{tk.symbol}</option>)}
            </NativeSelect.Field></NativeSelect.Root>
          </Field.Root>
          <Field.Root maxW="44"><Field.Label>{t('history.fromDate')}</Field.Label><Input type="date" value={from} onChange={(e) => set('from', e.target.value)} /></Field.Root>
          <Field.Root maxW="44" invalid={!range}>
            <Field.Label>{t('history.toDate')}</Field.Label>
            <Input type="date" value={to} onChange={(e) => set('to', e.target.value)} />
            <Field.ErrorText>{t('history.badRange')}</Field.ErrorText>
          </Field.Root>
          <Field.Root maxW="xs"><Field.Label>{t('history.search')}</Field.Label><Input type="search" value={q} onChange={(e) => set('q', e.target.value)} /></Field.Root>
        </HStack>
      </Stack>
      {error && <Text role="alert" color="fg.error">{messageFor(error)}</Text>}
      {range && page && shown.length === 0 && (
        <Text role="status">{rows.length === 0 && !tokenId && !from && !to ? t('history.emptyNone') : t('history.emptyFiltered')}</Text>
      )}
      {shown.length > 0 && <HistoryList rows={shown} />}
      <HStack gap={3} wrap="wrap">
        {page?.hasNextPage && <Button variant="outline" onClick={more}>{t('history.older')}</Button>}
        {shown.length > 0 && <Button variant="outline" onClick={exportCsv}>{t('history.export')}</Button>}
      </HStack>
    </Stack>
  );
}
