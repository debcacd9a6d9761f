import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Box, Button, Code, DataList, Heading, Link as ChakraLink, Spinner, Stack, Table, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatAmount } from '../../app/amount.ts';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { verifyInclusion, type Verdict } from '../explorer/verify.ts';
import { useFindTransaction, type FoundTransaction } from './find-transaction.ts';
import { describeTransaction } from './history.ts';
import { useRowWords } from './HistoryList.tsx';
import { CHAIN_KEY, REVERSE } from './transaction.operations.ts';

const txLink = (id: string, label: string) => <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to={`/transactions/${id}`}>{label}</Link></ChakraLink>;

function Proof({ tx, onRetry }: { tx: FoundTransaction; onRetry: () => void }) {
  const { t, locale } = useI18n();
  const key = useQuery(CHAIN_KEY);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const proof = tx.inclusionProof;
  if (!proof) {
    return (
      <Stack gap={2} align="start">
        <Text>{t('transaction.waiting')}</Text>
        <Button size="sm" variant="outline" onClick={onRetry}>{t('transaction.checkAgain')}</Button>
      </Stack>
    );
  }
  return (
    <Stack gap={3} align="start">
      <Text>{t('transaction.place', { index: proof.leafIndex + 1, size: proof.treeSize, signed: formatDateTime(proof.checkpoint.createdAt, locale) })}</Text>
      <Text fontSize="sm">{t('transaction.proofHashes', { count: proof.hashes.length })}</Text>
      <Code display="block" p={2} wordBreak="break-all" whiteSpace="pre-wrap" maxW="full">{proof.leafData}</Code>
      {!verdict && key.data && (
        <Button size="sm" colorPalette="brand" onClick={async () => setVerdict(await verifyInclusion(proof, key.data!.chainPublicKey))}>{t('explorer.verify')}</Button>
      )}
      {verdict?.ok && <Badge colorPalette="green" role="status" whiteSpace="normal">{t('explorer.verified', { origin: verdict.origin, size: verdict.size })}</Badge>}
      {verdict && !verdict.ok && <Badge colorPalette="red" role="alert" whiteSpace="normal">{t('explorer.notVerified', { reason: t(`verify.${verdict.reason}`) })}</Badge>}
    </Stack>
  );
}

/** One transaction: what moved between whom, its postings, its place in the log, and reversing it where allowed. */
export default function TransactionPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { claims, can } = useSession();
  const navigate = useNavigate();
  const [attempt, setAttempt] = useState(0);
  const ledger = can('ledger:read');
  const found = useFindTransaction(id, ledger, can('chain:read'), attempt);
  const words = useRowWords();
  const [reverse, reverseState] = useMutation(REVERSE, { refetchQueries: ['Wallet', 'History', 'Ledger'] });
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<NoticeState>(null);

  if (found.status === 'loading') return <Spinner role="status" aria-label={t('common.loading')} />;
  if (found.status === 'failed') return <Text role="alert" color="fg.error">{messageFor(found.error)}</Text>;
  if (found.status === 'missing') {
    return (
      <Stack gap={3}>
        <Heading as="h1" size="xl">{t('transaction.missingTitle')}</Heading>
        <Text>{t('transaction.missing')}</Text>
        <Text><ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to="/history">{t('transaction.backToHistory')}</Link></ChakraLink></Text>
      </Stack>
    );
  }
  const tx = found.transaction;
  const row = describeTransaction(tx, claims?.sub ?? null);
  const mayReverse = can('token:reverse') && tx.kind !== 'REVERSAL' && !found.reversedBy;
  const doReverse = async () => {
    try {
      const r = await reverse({ variables: { idempotencyKey: `reverse:${tx.id}`, transactionId: tx.id } });
      setAsking(false);
      if (r.data) void navigate(`/transactions/${r.data.reverseTransaction.id}`);
    } catch (err) {
      setAsking(false);
      setNotice({ ok: false, text: messageFor(err) });
    }
  };
  return (
    <Stack gap={8}>
      <Stack gap={1}>
        <Heading as="h1" size="xl">{t('transaction.title', { kind: words.kind(row) })}</Heading>
        <Text fontSize="sm">{formatDateTime(tx.createdAt, locale)}</Text>
      </Stack>
      <Notice notice={notice} />
      <DataList.Root orientation="horizontal">
        <DataList.Item><DataList.ItemLabel>{t('history.what')}</DataList.ItemLabel><DataList.ItemValue>{words.what(row)}</DataList.ItemValue></DataList.Item>
        <DataList.Item><DataList.ItemLabel>{t('history.amount')}</DataList.ItemLabel><DataList.ItemValue>{words.amount(row)}</DataList.ItemValue></DataList.Item>
        {tx.memo && <DataList.Item><DataList.ItemLabel>{t('history.memo')}</DataList.ItemLabel><DataList.ItemValue>{tx.memo}</DataList.ItemValue></DataList.Item>}
        {tx.reversesId && <DataList.Item><DataList.ItemLabel>{t('transaction.reverses')}</DataList.ItemLabel><DataList.ItemValue>{txLink(tx.reversesId, t('transaction.original'))}</DataList.ItemValue></DataList.Item>}
        {found.reversedBy && <DataList.Item><DataList.ItemLabel>{t('transaction.reversedBy')}</DataList.ItemLabel><DataList.ItemValue>{txLink(found.reversedBy, t('transaction.reversal'))}</DataList.ItemValue></DataList.Item>}
        <DataList.Item><DataList.ItemLabel>{t('transaction.id')}</DataList.ItemLabel><DataList.ItemValue><Code wordBreak="break-all">{tx.id}</Code></DataList.ItemValue></DataList.Item>
      </DataList.Root>
      <Section title={t('transaction.postings')}>
        <Table.Root size="sm">
          <Table.Header><Table.Row><Table.ColumnHeader>{t('transaction.account')}</Table.ColumnHeader><Table.ColumnHeader textAlign="end">{t('history.amount')}</Table.ColumnHeader></Table.Row></Table.Header>
          <Table.Body>
            {tx.postings.map((p) => (
              <Table.Row key={p.accountId}>
                <Table.Cell wordBreak="break-word">{p.ownerType === 'MEMBER' ? p.owner?.email : t(`transaction.owner.${p.ownerType}`)}</Table.Cell>
                <Table.Cell textAlign="end" whiteSpace="nowrap">{BigInt(p.amount) > 0n ? '+' : ''}{formatAmount(p.amount, p.token.decimals, locale)} {p.token.symbol}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Section>
      {can('chain:read') && <Section title={t('transaction.chain')}><Proof tx={tx} onRetry={() => setAttempt((n) => n + 1)} /></Section>}
      {mayReverse && (
        <Box>
          <Button variant="outline" colorPalette="red" onClick={() => setAsking(true)}>{t('transaction.reverse')}</Button>
          <ConfirmDialog
            open={asking}
            title={t('transaction.reverseTitle')}
            body={t('transaction.reverseBody', { amount: words.amount({ ...row, direction: null }), what: words.what({ ...row, direction: null }) })}
            confirmLabel={t('transaction.reverseConfirm')}
            busy={reverseState.loading}
            onConfirm={() => void doReverse()}
            onCancel={() => setAsking(false)}
          />
        </Box>
      )}
    </Stack>
  );
}
