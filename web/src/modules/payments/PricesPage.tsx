import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Heading, Stack, Table, Text, VisuallyHidden } from '@chakra-ui/react';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { messageFor } from '../../ui/errors.ts';
import { Notice, type NoticeState } from '../../ui/Notice.tsx';
import { Section } from '../../ui/Section.tsx';
import { REMOVE_PRICE, TOKEN_PRICES } from './payments.operations.ts';
import { PriceForm } from './PriceForm.tsx';
import { forSale } from './QuoteForm.tsx';
import { limitsText, moneyText, tokensText } from './words.ts';

/** The price of each token: currency, what it costs for how many, the least and most per purchase; and stopping a sale. */
export default function PricesPage() {
  const { t, locale } = useI18n();
  const prices = useQuery(TOKEN_PRICES);
  const [remove, removeState] = useMutation(REMOVE_PRICE, { refetchQueries: ['TokenPrices'] });
  const [asking, setAsking] = useState<{ id: string; symbol: string } | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const tokens = prices.data?.tokens ?? [];
  const priced = new Map(forSale(tokens).map((tk) => [tk.id, tk]));

  const stop = async () => {
    if (!asking) return;
    try {
      await remove({ variables: { tokenId: asking.id } });
      setNotice({ ok: true, text: t('payments.stopped', { symbol: asking.symbol }) });
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
    setAsking(null);
  };

  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('payments.pricesTitle')}</Heading>
      {prices.error && <Text role="alert" color="fg.error">{messageFor(prices.error)}</Text>}
      <Section title={t('payments.forSaleTitle')}>
        <Stack gap={3}>
          <Notice notice={notice} />
          {prices.data && tokens.length === 0 && <Text>{t('payments.noTokens')}</Text>}
          {tokens.length > 0 && (
            <Box overflowX="auto" position="relative">
              <Table.Root size="sm">
                <Table.Header><Table.Row>
                  <Table.ColumnHeader>{t('payments.token')}</Table.ColumnHeader>
                  <Table.ColumnHeader>{t('payments.priceColumn')}</Table.ColumnHeader>
                  <Table.ColumnHeader>{t('payments.limitsColumn')}</Table.ColumnHeader>
                  <Table.ColumnHeader><VisuallyHidden>{t('payments.stopSelling')}</VisuallyHidden></Table.ColumnHeader>
                </Table.Row></Table.Header>
                <Table.Body>
                  {tokens.map((tk) => {
                    const sale = priced.get(tk.id);
                    return (
                      <Table.Row key={tk.id}>
                        <Table.Cell>{tk.name} ({tk.symbol})</Table.Cell>
                        <Table.Cell>{sale ? `${moneyText(sale.price.unitAmount, sale.price, locale)} / ${tokensText(sale.price.perTokens, sale, locale)}` : t('payments.notForSale')}</Table.Cell>
                        <Table.Cell>{sale ? limitsText(sale, locale) ?? t('payments.noLimits') : ''}</Table.Cell>
                        <Table.Cell>
                          {sale && (
                            <Button size="xs" variant="outline" colorPalette="red" aria-label={t('payments.stopSellingLabel', { symbol: tk.symbol })} onClick={() => setAsking({ id: tk.id, symbol: tk.symbol })}>{t('payments.stopSelling')}</Button>
                          )}
                        </Table.Cell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table.Root>
            </Box>
          )}
        </Stack>
      </Section>
      {tokens.length > 0 && <Section title={t('payments.setTitle')}><PriceForm tokens={tokens} /></Section>}
      <ConfirmDialog
        open={asking !== null}
        title={t('payments.stopTitle', { symbol: asking?.symbol ?? '' })}
        body={t('payments.stopBody')}
        confirmLabel={t('payments.stopSelling')}
        busy={removeState.loading}
        onConfirm={() => void stop()}
        onCancel={() => setAsking(null)}
      />
    </Stack>
  );
}
