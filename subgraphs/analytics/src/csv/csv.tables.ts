import type { Locale } from '@etika/schema';
import { labelsOf } from './csv.labels.ts';
import { toCsv, type Cell } from './csv.ts';

/** The tables the dashboard, the wallet and the audit page show, as CSV in the person's language. Amounts arrive as strings of minor units. */
export interface PeriodLine {
  readonly start: string;
  readonly issued: string;
  readonly sold: string;
  readonly transferred: string;
  readonly redeemed: string;
  readonly reversed: string;
  readonly refunded: string;
  readonly transactions: number;
  readonly activeMembers: number;
  readonly circulatingSupply: string;
}

const AMOUNTS = ['issued', 'sold', 'transferred', 'redeemed', 'reversed', 'refunded'] as const;

export function periodsCsv(periods: readonly PeriodLine[], locale: Locale, decimals: number): string {
  const t = labelsOf(locale);
  const amount = (v: string): Cell => ({ amount: BigInt(v), decimals });
  return toCsv(
    [t('period'), ...AMOUNTS.map(t), t('transactions'), t('activeMembers'), t('circulatingSupply')],
    periods.map((p) => [{ day: p.start }, ...AMOUNTS.map((k) => amount(p[k])), { count: p.transactions }, { count: p.activeMembers }, amount(p.circulatingSupply)]),
    locale,
  );
}

/** How many decimals a currency's minor unit has (ISO 4217), as Intl knows it. */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function moneyCsv(rows: readonly { start: string; currency: string; paid: string; refunded: string; payments: number }[], locale: Locale): string {
  const t = labelsOf(locale);
  return toCsv(
    [t('period'), t('currency'), t('paid'), t('moneyRefunded'), t('payments')],
    rows.map((r) => {
      const decimals = currencyDecimals(r.currency);
      return [{ day: r.start }, { text: r.currency }, { amount: BigInt(r.paid), decimals }, { amount: BigInt(r.refunded), decimals }, { count: r.payments }];
    }),
    locale,
  );
}

export function membershipCsv(rows: readonly { start: string; joined: number; left: number }[], locale: Locale): string {
  const t = labelsOf(locale);
  return toCsv([t('period'), t('joined'), t('left')], rows.map((r) => [{ day: r.start }, { count: r.joined }, { count: r.left }]), locale);
}

export function balanceCsv(rows: readonly { start: string; balance: string }[], locale: Locale, decimals: number): string {
  const t = labelsOf(locale);
  return toCsv([t('period'), t('balance')], rows.map((r) => [{ day: r.start }, { amount: BigInt(r.balance), decimals }]), locale);
}

export function holdersCsv(top: readonly { userId: string; balance: string }[], circulating: string, locale: Locale, decimals: number): string {
  const t = labelsOf(locale);
  const total = BigInt(circulating);
  return toCsv(
    [t('rank'), t('member'), t('balance'), t('share')],
    top.map((h, i) => [{ count: i + 1 }, { text: h.userId }, { amount: BigInt(h.balance), decimals }, { share: total > 0n ? Number((BigInt(h.balance) * 10_000n) / total) / 10_000 : 0 }]),
    locale,
  );
}

export function auditCsv(
  entries: readonly { at: Date; subgraph: string; actor: string; action: string; outcome: string; errorCode: string | null; requestId: string | null }[],
  locale: Locale,
  timeZone: string,
): string {
  const t = labelsOf(locale);
  return toCsv(
    [t('at'), t('subgraph'), t('actor'), t('action'), t('outcome'), t('errorCode'), t('requestId')],
    entries.map((e) => [
      { at: e.at },
      { text: e.subgraph },
      { text: e.actor },
      { text: e.action },
      { text: e.outcome === 'failure' ? t('failure') : t('success') },
      { text: e.errorCode },
      { text: e.requestId },
    ]),
    locale,
    timeZone,
  );
}
