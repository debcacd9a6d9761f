import { useQuery } from '@apollo/client/react';
import { Button, Heading, Stack, Text } from '@chakra-ui/react';
import { useI18n } from '../../app/i18n.ts';
import { messageFor } from '../../ui/errors.ts';
import { PaymentList } from './PaymentList.tsx';
import { MY_PAYMENTS } from './payments.operations.ts';

const PAGE = 20;

/** The person's own payments, newest first, with their refunds. */
export default function MyPaymentsPage() {
  const { t } = useI18n();
  const { data, error, fetchMore } = useQuery(MY_PAYMENTS, { variables: { input: { first: PAGE } }, fetchPolicy: 'cache-and-network' });
  const page = data?.myPayments;
  const more = () => void fetchMore({
    variables: { input: { first: PAGE, after: page?.endCursor ?? null } },
    updateQuery: (prev, { fetchMoreResult }) => ({ myPayments: { ...fetchMoreResult.myPayments, nodes: [...prev.myPayments.nodes, ...fetchMoreResult.myPayments.nodes] } }),
  });
  return (
    <Stack gap={6}>
      <Heading as="h1" size="xl">{t('payments.mineTitle')}</Heading>
      {error && <Text role="alert" color="fg.error">{messageFor(error)}</Text>}
      {page && page.nodes.length === 0 && <Text>{t('payments.noneMine')}</Text>}
      {page && page.nodes.length > 0 && <PaymentList payments={page.nodes} showBuyer={false} />}
      {page?.hasNextPage && <Button variant="outline" alignSelf="start" onClick={more}>{t('payments.older')}</Button>}
    </Stack>
  );
}
