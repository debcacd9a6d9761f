import { useQuery } from '@apollo/client/react';
import { Badge, Box, Button, Code, Heading, Link as ChakraLink, Spinner, Stack, Table, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, useI18n } from '../../app/i18n.ts';
import { graphql } from '../../gql/index.ts';
import { messageFor } from '../../ui/errors.ts';
import { Section } from '../../ui/Section.tsx';
import { verifyInclusion, type Verdict } from './verify.ts';

const EXPLORER = graphql(`
  query Explorer {
    chainPublicKey
    latestCheckpoint {
      treeSize
      rootHash
      createdAt
    }
    checkpoints(first: 10) {
      treeSize
      rootHash
      createdAt
    }
    myTransactions(input: { first: 20 }) {
      nodes {
        id
        kind
        createdAt
        inclusionProof {
          leafIndex
          treeSize
          leafData
          hashes
          checkpoint {
            note
          }
        }
      }
    }
  }
`);

export default function ExplorerPage() {
  const { t, locale } = useI18n();
  const { data, error, loading } = useQuery(EXPLORER);
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  if (loading) return <Spinner role="status" aria-label={t('common.loading')} />;
  if (error || !data) return <Text role="alert" color="fg.error">{messageFor(error)}</Text>;
  const number = new Intl.NumberFormat(locale);
  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('explorer.title')}</Heading>
      <Section title={t('explorer.latest')}>
        {data.latestCheckpoint ? (
          <Text>{t('explorer.latestLine', { size: number.format(data.latestCheckpoint.treeSize), when: formatDateTime(data.latestCheckpoint.createdAt, locale) })} <Code wordBreak="break-all">{data.latestCheckpoint.rootHash}</Code></Text>
        ) : <Text>{t('explorer.noCheckpoint')}</Text>}
        <Text fontSize="sm" mt={2}>{t('explorer.publicKey')} <Code wordBreak="break-all">{data.chainPublicKey}</Code></Text>
      </Section>
      <Section title={t('explorer.checkpoints')}>
        <Box overflowX="auto">
          <Table.Root size="sm">
            <Table.Header><Table.Row><Table.ColumnHeader>{t('explorer.signed')}</Table.ColumnHeader><Table.ColumnHeader textAlign="end">{t('explorer.size')}</Table.ColumnHeader><Table.ColumnHeader>{t('explorer.root')}</Table.ColumnHeader></Table.Row></Table.Header>
            <Table.Body>
              {data.checkpoints.map((c) => (
                <Table.Row key={c.treeSize}>
                  <Table.Cell>{formatDateTime(c.createdAt, locale)}</Table.Cell>
                  <Table.Cell textAlign="end">{number.format(c.treeSize)}</Table.Cell>
                  <Table.Cell><Code wordBreak="break-all">{c.rootHash}</Code></Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Box>
      </Section>
      <Section title={t('explorer.yours')}>
        {data.myTransactions.nodes.length === 0 && <Text>{t('explorer.noTransactions')}</Text>}
        <Stack as="ul" listStyleType="none" gap={2}>
          {data.myTransactions.nodes.map((tx) => {
            const verdict = verdicts[tx.id];
            return (
              <Box as="li" key={tx.id} borderWidth="1px" borderRadius="md" p={3}>
                <Stack gap={2} align="start">
                  <ChakraLink asChild color="brand.fg" textDecoration="underline">
                    <Link to={`/transactions/${tx.id}`}>{t(`history.kind.${tx.kind}`)} · {formatDateTime(tx.createdAt, locale)}</Link>
                  </ChakraLink>
                  {!tx.inclusionProof && <Text>{t('transaction.waiting')}</Text>}
                  {tx.inclusionProof && !verdict && (
                    <Button size="xs" colorPalette="brand" onClick={async () => {
                      const v = await verifyInclusion(tx.inclusionProof!, data.chainPublicKey);
                      setVerdicts((all) => ({ ...all, [tx.id]: v }));
                    }}>{t('explorer.verify')}</Button>
                  )}
                  {verdict?.ok && <Badge colorPalette="green" role="status" whiteSpace="normal">{t('explorer.verified', { origin: verdict.origin, size: verdict.size })}</Badge>}
                  {verdict && !verdict.ok && <Badge colorPalette="red" role="alert" whiteSpace="normal">{t('explorer.notVerified', { reason: t(`verify.${verdict.reason}`) })}</Badge>}
                </Stack>
              </Box>
            );
          })}
        </Stack>
      </Section>
    </Stack>
  );
}
