import { useQuery } from '@apollo/client/react';
import { Box, Heading, Link as ChakraLink, SimpleGrid, Stack, Text } from '@chakra-ui/react';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { formatAmount } from '../../app/amount.ts';
import { useI18n } from '../../app/i18n.ts';
import { useLiveWallet } from '../../app/live-status.ts';
import { useSession } from '../../app/session.ts';
import { messageFor } from '../../ui/errors.ts';
import { Section } from '../../ui/Section.tsx';
import { MoveForm } from './MoveForm.tsx';
import { WALLET } from './wallet.operations.ts';

/** The balance-over-time chart and its library, fetched only once there is a balance to draw. */
const BalanceHistory = lazy(() => import('../analytics/BalanceHistory.tsx'));

export default function WalletPage() {
  const { t, locale } = useI18n();
  useLiveWallet();
  const { can } = useSession();
  const wallet = useQuery(WALLET);
  const balances = wallet.data?.me.wallet ?? [];
  const moves = can('token:transfer') || can('token:redeem');
  return (
    <Stack gap={8}>
      <Heading as="h1" size="xl">{t('wallet.title')}</Heading>
      {wallet.error && <Text role="alert" color="fg.error">{messageFor(wallet.error)}</Text>}
      <SimpleGrid as="ul" listStyleType="none" columns={{ base: 1, sm: 2, md: 3 }} gap={4} aria-label={t('wallet.balances')}>
        {wallet.data && balances.length === 0 && <Text as="li">{t('wallet.empty')}</Text>}
        {balances.map((b) => (
          <Box as="li" key={b.token.id} borderWidth="1px" borderRadius="md" p={4} bg="brand.subtle">
            <Text fontSize="sm">{b.token.name}</Text>
            <Text fontSize="2xl" fontWeight="bold">{formatAmount(b.amount, b.token.decimals, locale)} {b.token.symbol}</Text>
          </Box>
        ))}
      </SimpleGrid>
      {balances.length > 0 && (
        <Suspense fallback={null}>
          {balances.map((b) => <BalanceHistory key={b.token.id} token={b.token} />)}
        </Suspense>
      )}
      {moves && balances.length > 0 && (
        <Section title={t('wallet.moveTitle')}>
          <MoveForm balances={balances} />
        </Section>
      )}
      <Text>
        <ChakraLink asChild color="brand.fg" textDecoration="underline"><Link to="/history">{t('wallet.seeHistory')}</Link></ChakraLink>
      </Text>
    </Stack>
  );
}
