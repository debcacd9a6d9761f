import { useQuery } from '@apollo/client/react';
import { useI18n } from '../../app/i18n.ts';
import { messageFor } from '../../ui/errors.ts';
import { Text } from '@chakra-ui/react';
import { MY_BALANCE_HISTORY } from './analytics.operations.ts';
import { browserTimeZone, lastDays, periodLabel } from './range.ts';
import { SeriesChart } from './SeriesChart.tsx';

/** The person's own balance of one token over the last 90 days, week by week (loaded with the chart library on the wallet page). */
export default function BalanceHistory({ token }: { token: { id: string; symbol: string; name: string; decimals: number } }) {
  const { t, locale, language } = useI18n();
  const range = lastDays(90, 'WEEK', browserTimeZone());
  const history = useQuery(MY_BALANCE_HISTORY, { variables: { tokenId: token.id, range, locale: language, decimals: token.decimals } });
  if (history.error) return <Text role="alert" color="fg.error">{messageFor(history.error)}</Text>;
  const data = history.data?.myBalanceHistory;
  if (!data) return null;
  return (
    <SeriesChart
      title={t('analytics.myBalanceTitle', { token: token.name })}
      kind="line"
      periods={data.points.map((p) => periodLabel(p.start, 'WEEK', locale))}
      decimals={token.decimals}
      series={[{ key: 'balance', label: t('analytics.balance'), values: data.points.map((p) => p.balance) }]}
      csv={{ content: data.csv, fileName: `${token.symbol}-balance-${range.from}-${range.to}.csv` }}
    />
  );
}
