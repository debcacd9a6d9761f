import { useQuery } from '@apollo/client/react';
import { Box, Heading, Stack, Table, Text } from '@chakra-ui/react';
import { formatAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { messageFor } from '../../ui/errors.ts';
import { Section } from '../../ui/Section.tsx';
import { DefineTokenForm } from './DefineTokenForm.tsx';
import { IssueForm } from './IssueForm.tsx';
import { TOKENS } from './issuance.operations.ts';

export default function IssuancePage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const tokens = useQuery(TOKENS);
  const list = tokens.data?.tokens ?? [];
  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('issuance.title')}</Heading>
      {tokens.error && <Text role="alert" color="fg.error">{messageFor(tokens.error)}</Text>}
      <Section title={t('issuance.supplyTitle')}>
        {tokens.data && list.length === 0 && <Text>{can('token:define') ? t('issuance.emptyDefine') : t('issuance.empty')}</Text>}
        {list.length > 0 && (
          <Box overflowX="auto">
            <Table.Root size="sm">
              <Table.Header><Table.Row><Table.ColumnHeader>{t('issuance.token')}</Table.ColumnHeader><Table.ColumnHeader textAlign="end">{t('issuance.circulating')}</Table.ColumnHeader><Table.ColumnHeader textAlign="end">{t('issuance.maximum')}</Table.ColumnHeader></Table.Row></Table.Header>
              <Table.Body>
                {list.map((tk) => (
                  <Table.Row key={tk.id}>
                    <Table.Cell>{tk.name} ({tk.symbol})</Table.Cell>
                    <Table.Cell textAlign="end" whiteSpace="nowrap">{formatAmount(tk.circulatingSupply, tk.decimals, locale)}</Table.Cell>
                    <Table.Cell textAlign="end" whiteSpace="nowrap">{tk.maxSupply ? formatAmount(tk.maxSupply, tk.decimals, locale) : t('issuance.uncapped')}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </Box>
        )}
      </Section>
      {list.length > 0 && <Section title={t('issuance.issueTitle')}><IssueForm tokens={list} /></Section>}
      {can('token:define') && <Section title={t('issuance.defineTitle')}><DefineTokenForm /></Section>}
    </Stack>
  );
}
