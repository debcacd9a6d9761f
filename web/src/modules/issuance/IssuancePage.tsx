import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Field, HStack, Heading, Input, NativeSelect, Stack, Table } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { formatAmount, toMinorUnits } from '../../app/amount.ts';
import { useSession } from '../../app/session.ts';
import { graphql } from '../../gql/index.ts';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { RECIPIENTS } from '../wallet/wallet.operations.ts';

const TOKENS = graphql(`
  query IssuanceTokens {
    tokens {
      id
      name
      symbol
      decimals
      maxSupply
      circulatingSupply
    }
  }
`);
const DEFINE = graphql(`mutation DefineToken($input: DefineTokenInput!) { defineToken(input: $input) { id } }`);
const ISSUE = graphql(`mutation IssueTokens($input: MovementInput!) { issueTokens(input: $input) { id } }`);

export default function IssuancePage() {
  const { claims, can } = useSession();
  const tokens = useQuery(TOKENS);
  const members = useQuery(RECIPIENTS, { variables: { organizationId: claims?.org ?? '' }, skip: !claims?.org });
  const [define, defineState] = useMutation(DEFINE);
  const [issue, issueState] = useMutation(ISSUE);
  const [definition, setDefinition] = useState({ name: '', symbol: '', decimals: '2', maxSupply: '' });
  const [grant, setGrant] = useState({ tokenId: '', to: '', amount: '' });
  const [notice, setNotice] = useState<NoticeState>(null);
  const list = tokens.data?.tokens ?? [];
  const token = list.find((t) => t.id === grant.tokenId) ?? list[0];

  const run = async (work: () => Promise<unknown>, done: string) => {
    setNotice(null);
    try {
      await work();
      setNotice({ ok: true, text: done });
      await tokens.refetch();
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };
  const submitDefinition = (e: FormEvent) => {
    e.preventDefault();
    const decimals = Number(definition.decimals);
    const cap = definition.maxSupply ? toMinorUnits(definition.maxSupply, decimals) : null;
    void run(() => define({ variables: { input: { name: definition.name, symbol: definition.symbol, decimals, maxSupply: cap } } }), `${definition.symbol.toUpperCase()} was created.`);
  };
  const submitGrant = (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    const amount = toMinorUnits(grant.amount, token.decimals);
    if (!amount) {
      setNotice({ ok: false, text: `Enter a positive amount with at most ${token.decimals} decimals.` });
      return;
    }
    void run(() => issue({ variables: { input: { tokenId: token.id, toUserId: grant.to, amount, idempotencyKey: crypto.randomUUID() } } }), 'Tokens issued.');
  };

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">Issuance</Heading>
      <Notice notice={notice} />
      <Section title="Tokens and supply">
        <Table.ScrollArea tabIndex={0} role="region" aria-label="Scrollable table">
          <Table.Root size="sm">
            <Table.Header><Table.Row><Table.ColumnHeader>Token</Table.ColumnHeader><Table.ColumnHeader textAlign="end">Circulating</Table.ColumnHeader><Table.ColumnHeader textAlign="end">Maximum</Table.ColumnHeader></Table.Row></Table.Header>
            <Table.Body>
              {list.map((t) => (
                <Table.Row key={t.id}>
                  <Table.Cell>{t.name} ({t.symbol})</Table.Cell>
                  <Table.Cell textAlign="end">{formatAmount(t.circulatingSupply, t.decimals)}</Table.Cell>
                  <Table.Cell textAlign="end">{t.maxSupply ? formatAmount(t.maxSupply, t.decimals) : 'uncapped'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      </Section>
      {list.length > 0 && (
        <Section title="Issue to a member">
          <form onSubmit={submitGrant}>
            <HStack gap={3} align="end" wrap="wrap">
              <Field.Root maxW="40"><Field.Label>Token</Field.Label>
                <NativeSelect.Root><NativeSelect.Field value={token?.id ?? ''} onChange={(e) => setGrant({ ...grant, tokenId: e.target.value })}>
                  {list.map((t) => <option key={t.id} value={t.id}>{t.symbol}</option>)}
                </NativeSelect.Field></NativeSelect.Root>
              </Field.Root>
              <Field.Root required maxW="xs"><Field.Label>Member</Field.Label>
                <NativeSelect.Root><NativeSelect.Field value={grant.to} onChange={(e) => setGrant({ ...grant, to: e.target.value })}>
                  <option value="">Choose a member</option>
                  {(members.data?.organization?.members ?? []).map((m) => <option key={m.user.id} value={m.user.id}>{m.user.email}</option>)}
                </NativeSelect.Field></NativeSelect.Root>
              </Field.Root>
              <Field.Root required maxW="40"><Field.Label>Amount</Field.Label>
                <Input inputMode="decimal" value={grant.amount} onChange={(e) => setGrant({ ...grant, amount: e.target.value })} />
              </Field.Root>
              <Button type="submit" colorPalette="brand" loading={issueState.loading}>Issue</Button>
            </HStack>
          </form>
        </Section>
      )}
      {can('token:define') && (
        <Section title="Define a token">
          <form onSubmit={submitDefinition}>
            <HStack gap={3} align="end" wrap="wrap">
              <Field.Root required maxW="xs"><Field.Label>Name</Field.Label><Input value={definition.name} onChange={(e) => setDefinition({ ...definition, name: e.target.value })} /></Field.Root>
              <Field.Root required maxW="32"><Field.Label>Symbol</Field.Label><Input value={definition.symbol} onChange={(e) => setDefinition({ ...definition, symbol: e.target.value })} /></Field.Root>
              <Field.Root required maxW="24"><Field.Label>Decimals</Field.Label><Input inputMode="numeric" value={definition.decimals} onChange={(e) => setDefinition({ ...definition, decimals: e.target.value })} /></Field.Root>
              <Field.Root maxW="40"><Field.Label>Maximum supply (optional)</Field.Label><Input inputMode="decimal" value={definition.maxSupply} onChange={(e) => setDefinition({ ...definition, maxSupply: e.target.value })} /></Field.Root>
              <Button type="submit" colorPalette="brand" loading={defineState.loading}>Create</Button>
            </HStack>
          </form>
        </Section>
      )}
    </Stack>
  );
}
