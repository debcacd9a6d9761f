import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Field, HStack, Heading, Input, NativeSelect, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { formatAmount, toMinorUnits } from '../../app/amount.ts';
import { useSession } from '../../app/session.ts';
import { messageFor } from '../../ui/errors.ts';
import { HISTORY, RECIPIENTS, REDEEM, TRANSFER, WALLET } from './wallet.operations.ts';

const PAGE = 10;

export default function WalletPage() {
  const { claims } = useSession();
  const wallet = useQuery(WALLET);
  const recipients = useQuery(RECIPIENTS, { variables: { organizationId: claims?.org ?? '' }, skip: !claims?.org });
  const [tokenFilter, setTokenFilter] = useState('');
  const [range, setRange] = useState({ from: '', to: '' });
  const filter = {
    tokenId: tokenFilter || null,
    from: range.from ? new Date(`${range.from}T00:00:00`).toISOString() : null,
    to: range.to ? new Date(`${range.to}T23:59:59.999`).toISOString() : null,
  };
  const history = useQuery(HISTORY, { variables: { input: { first: PAGE, ...filter } } });
  const [transfer, transferState] = useMutation(TRANSFER);
  const [redeem, redeemState] = useMutation(REDEEM);
  const [form, setForm] = useState({ tokenId: '', to: '', amount: '', action: 'transfer' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const balances = wallet.data?.me.wallet ?? [];
  const token = balances.find((b) => b.token.id === form.tokenId)?.token ?? balances[0]?.token;
  const others = (recipients.data?.organization?.members ?? []).filter((m) => m.user.id !== claims?.sub);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!token) return;
    const amount = toMinorUnits(form.amount, token.decimals);
    if (!amount) {
      setMessage({ ok: false, text: `Enter a positive amount with at most ${token.decimals} decimals.` });
      return;
    }
    const input = { tokenId: token.id, amount, idempotencyKey: crypto.randomUUID(), toUserId: form.action === 'transfer' ? form.to : null };
    try {
      if (form.action === 'transfer') await transfer({ variables: { input } });
      else await redeem({ variables: { input } });
      setMessage({ ok: true, text: form.action === 'transfer' ? 'Sent.' : 'Redeemed.' });
      setForm({ ...form, amount: '' });
      await Promise.all([wallet.refetch(), history.refetch()]);
    } catch (err) {
      setMessage({ ok: false, text: messageFor(err) });
    }
  };

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">Wallet</Heading>
      <SimpleGrid as="ul" listStyleType="none" columns={{ base: 1, sm: 2, md: 3 }} gap={4} aria-label="Balances">
        {balances.length === 0 && <Text as="li">No tokens yet.</Text>}
        {balances.map((b) => (
          <Box as="li" key={b.token.id} borderWidth="1px" borderRadius="md" p={4} bg="brand.subtle">
            <Text fontSize="sm">{b.token.name}</Text>
            <Text fontSize="2xl" fontWeight="bold">{formatAmount(b.amount, b.token.decimals)} {b.token.symbol}</Text>
          </Box>
        ))}
      </SimpleGrid>

      {balances.length > 0 && (
        <Box as="section" aria-labelledby="move-heading">
          <Heading as="h2" id="move-heading" size="md" mb={3}>Send or redeem</Heading>
          <form onSubmit={submit}>
            <Stack gap={3} maxW="md">
              <Field.Root>
                <Field.Label>What</Field.Label>
                <NativeSelect.Root><NativeSelect.Field value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
                  <option value="transfer">Send to a member</option>
                  <option value="redeem">Redeem to the organisation</option>
                </NativeSelect.Field></NativeSelect.Root>
              </Field.Root>
              <Field.Root>
                <Field.Label>Token</Field.Label>
                <NativeSelect.Root><NativeSelect.Field value={token?.id ?? ''} onChange={(e) => setForm({ ...form, tokenId: e.target.value })}>
                  {balances.map((b) => <option key={b.token.id} value={b.token.id}>{b.token.symbol}</option>)}
                </NativeSelect.Field></NativeSelect.Root>
              </Field.Root>
              {form.action === 'transfer' && (
                <Field.Root required>
                  <Field.Label>Recipient</Field.Label>
                  <NativeSelect.Root><NativeSelect.Field value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })}>
                    <option value="">Choose a member</option>
                    {others.map((m) => <option key={m.user.id} value={m.user.id}>{m.user.email}</option>)}
                  </NativeSelect.Field></NativeSelect.Root>
                </Field.Root>
              )}
              <Field.Root required>
                <Field.Label>Amount{token ? ` (${token.symbol})` : ''}</Field.Label>
                <Input inputMode="decimal" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
              </Field.Root>
              {message && <Text role={message.ok ? 'status' : 'alert'} color={message.ok ? 'green.700' : 'red.700'}>{message.text}</Text>}
              <Button type="submit" colorPalette="brand" loading={transferState.loading || redeemState.loading}>Confirm</Button>
            </Stack>
          </form>
        </Box>
      )}

      <Box as="section" aria-labelledby="history-heading">
        <Heading as="h2" id="history-heading" size="md" mb={3}>History</Heading>
        <HStack gap={3} mb={3} wrap="wrap" align="end">
          <Field.Root maxW="xs"><Field.Label>Token</Field.Label>
            <NativeSelect.Root><NativeSelect.Field value={tokenFilter} onChange={(e) => setTokenFilter(e.target.value)}>
              <option value="">All tokens</option>
              {balances.map((b) => <option key={b.token.id} value={b.token.id}>{b.token.symbol}</option>)}
            </NativeSelect.Field></NativeSelect.Root>
          </Field.Root>
          <Field.Root maxW="44"><Field.Label>From</Field.Label><Input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} /></Field.Root>
          <Field.Root maxW="44"><Field.Label>To</Field.Label><Input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} /></Field.Root>
        </HStack>
        <Table.ScrollArea tabIndex={0} role="region" aria-label="Scrollable table">
          <Table.Root size="sm">
            <Table.Header><Table.Row><Table.ColumnHeader>When</Table.ColumnHeader><Table.ColumnHeader>What</Table.ColumnHeader><Table.ColumnHeader textAlign="end">Change</Table.ColumnHeader></Table.Row></Table.Header>
            <Table.Body>
              {(history.data?.myTransactions.nodes ?? []).map((t) => {
                const mine = t.postings.find((p) => p.ownerType === 'MEMBER' && p.owner?.id === claims?.sub);
                return (
                  <Table.Row key={t.id}>
                    <Table.Cell>{new Date(t.createdAt).toLocaleString()}</Table.Cell>
                    <Table.Cell>{t.kind.toLowerCase()}{t.memo ? ` — ${t.memo}` : ''}</Table.Cell>
                    <Table.Cell textAlign="end">{mine ? `${formatAmount(mine.amount, mine.token.decimals)} ${mine.token.symbol}` : ''}</Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
        {history.data?.myTransactions.hasNextPage && (
          <Button mt={3} variant="outline" onClick={() => void history.fetchMore({
            variables: { input: { first: PAGE, ...filter, after: history.data?.myTransactions.endCursor } },
            updateQuery: (prev, { fetchMoreResult }) => ({
              myTransactions: { ...fetchMoreResult.myTransactions, nodes: [...prev.myTransactions.nodes, ...fetchMoreResult.myTransactions.nodes] },
            }),
          })}>Show older</Button>
        )}
      </Box>
    </Stack>
  );
}
