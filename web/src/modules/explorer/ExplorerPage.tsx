import { useQuery } from '@apollo/client/react';
import { Badge, Box, Button, Code, Heading, Stack, Table, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { graphql } from '../../gql/index.ts';
import { messageFor } from '../../ui/errors.ts';
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
  const { data, error, loading } = useQuery(EXPLORER);
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  if (loading) return <Text>Loading…</Text>;
  if (error || !data) return <Text role="alert">{messageFor(error)}</Text>;
  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">Chain explorer</Heading>
      <Box as="section" aria-labelledby="checkpoint-heading">
        <Heading as="h2" id="checkpoint-heading" size="md" mb={2}>Latest checkpoint</Heading>
        {data.latestCheckpoint ? (
          <Text>Size {data.latestCheckpoint.treeSize}, root <Code wordBreak="break-all">{data.latestCheckpoint.rootHash}</Code></Text>
        ) : <Text>No checkpoint yet.</Text>}
        <Text fontSize="sm" mt={2}>Public key: <Code wordBreak="break-all">{data.chainPublicKey}</Code></Text>
      </Box>
      <Box as="section" aria-labelledby="history-heading">
        <Heading as="h2" id="history-heading" size="md" mb={2}>Checkpoint history</Heading>
        <Table.ScrollArea tabIndex={0} role="region" aria-label="Scrollable table">
          <Table.Root size="sm">
            <Table.Header><Table.Row><Table.ColumnHeader>Signed</Table.ColumnHeader><Table.ColumnHeader textAlign="end">Size</Table.ColumnHeader><Table.ColumnHeader>Root hash</Table.ColumnHeader></Table.Row></Table.Header>
            <Table.Body>
              {data.checkpoints.map((c) => (
                <Table.Row key={c.treeSize}>
                  <Table.Cell>{new Date(c.createdAt).toLocaleString()}</Table.Cell>
                  <Table.Cell textAlign="end">{c.treeSize}</Table.Cell>
                  <Table.Cell><Code wordBreak="break-all">{c.rootHash}</Code></Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      </Box>
      <Box as="section" aria-labelledby="tx-heading">
        <Heading as="h2" id="tx-heading" size="md" mb={2}>Your transactions</Heading>
        <Table.ScrollArea tabIndex={0} role="region" aria-label="Scrollable table">
          <Table.Root size="sm">
            <Table.Header><Table.Row><Table.ColumnHeader>When</Table.ColumnHeader><Table.ColumnHeader>Kind</Table.ColumnHeader><Table.ColumnHeader>In the log?</Table.ColumnHeader></Table.Row></Table.Header>
            <Table.Body>
              {data.myTransactions.nodes.map((t) => {
                const verdict = verdicts[t.id];
                return (
                  <Table.Row key={t.id}>
                    <Table.Cell>{new Date(t.createdAt).toLocaleString()}</Table.Cell>
                    <Table.Cell>{t.kind.toLowerCase()}</Table.Cell>
                    <Table.Cell>
                      {!t.inclusionProof && <Text>Waiting for the next checkpoint</Text>}
                      {t.inclusionProof && !verdict && (
                        <Button size="xs" colorPalette="brand" onClick={async () => {
                          const v = await verifyInclusion(t.inclusionProof!, data.chainPublicKey);
                          setVerdicts((all) => ({ ...all, [t.id]: v }));
                        }}>Verify in this browser</Button>
                      )}
                      {verdict?.ok && <Badge colorPalette="green" role="status">Verified: in {verdict.origin} at size {verdict.size}</Badge>}
                      {verdict && !verdict.ok && <Badge colorPalette="red" role="alert">Not verified: {verdict.reason}</Badge>}
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      </Box>
    </Stack>
  );
}
