import type { TransactionFieldsFragment } from '../../gql/graphql.ts';

/** Who is on one side of a movement: a member, or the organisation (issuing or taking back). */
export type Party = { readonly type: 'member'; readonly id: string; readonly email: string } | { readonly type: 'organisation' };

/** A transaction as a person reads it, from the viewer's side when they take part. */
export interface HistoryRow {
  readonly id: string;
  readonly createdAt: string;
  readonly kind: TransactionFieldsFragment['kind'];
  readonly memo: string | null;
  readonly reversesId: string | null;
  /** in: the viewer received; out: the viewer gave; null when the viewer takes no part (the organisation's ledger). */
  readonly direction: 'in' | 'out' | null;
  readonly from: Party;
  readonly to: Party;
  /** Always positive: how much moved. */
  readonly amount: bigint;
  readonly token: { readonly id: string; readonly symbol: string; readonly decimals: number };
}

type Posting = TransactionFieldsFragment['postings'][number];

const party = (p: Posting | undefined): Party =>
  p?.ownerType === 'MEMBER' && p.owner ? { type: 'member', id: p.owner.id, email: p.owner.email } : { type: 'organisation' };

/** Reads a transaction's postings as "from → to, how much"; a batch is read by its first token. */
export function describeTransaction(tx: TransactionFieldsFragment, viewerId: string | null): HistoryRow {
  const token = tx.postings[0]?.token ?? { id: '', symbol: '', decimals: 0 };
  const postings = tx.postings.filter((p) => p.token.id === token.id);
  const debit = postings.find((p) => BigInt(p.amount) < 0n);
  const credit = postings.find((p) => BigInt(p.amount) > 0n);
  const mine = postings.filter((p) => p.ownerType === 'MEMBER' && p.owner?.id === viewerId);
  const net = mine.reduce((sum, p) => sum + BigInt(p.amount), 0n);
  const moved = postings.reduce((sum, p) => (BigInt(p.amount) > 0n ? sum + BigInt(p.amount) : sum), 0n);
  return {
    id: tx.id,
    createdAt: tx.createdAt,
    kind: tx.kind,
    memo: tx.memo,
    reversesId: tx.reversesId,
    direction: mine.length === 0 || net === 0n ? null : net > 0n ? 'in' : 'out',
    from: party(debit),
    to: party(credit),
    amount: mine.length > 0 && net !== 0n ? (net < 0n ? -net : net) : moved,
    token,
  };
}

/** The other side, for the viewer: who sent to them, or whom they sent to. */
export function counterparty(row: HistoryRow): Party {
  return row.direction === 'in' ? row.from : row.to;
}

/** Search by counterparty or memo, ignoring case and accents. */
export function matchesSearch(row: HistoryRow, query: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const q = fold(query.trim());
  if (!q) return true;
  const emails = [row.from, row.to].flatMap((p) => (p.type === 'member' ? [p.email] : []));
  return [...emails, row.memo ?? ''].some((text) => fold(text).includes(q));
}

/** RFC 4180 CSV: every field quoted; the separator is the one spreadsheets of that locale expect. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], separator: ',' | ';'): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [header, ...rows].map((r) => r.map(quote).join(separator)).join('\r\n') + '\r\n';
}

/** Date filter from the URL: a "from" day after the "to" day is refused. */
export function dateRange(from: string, to: string): { from: string | null; to: string | null } | null {
  if (from && to && from > to) return null;
  return {
    from: from ? new Date(`${from}T00:00:00`).toISOString() : null,
    to: to ? new Date(`${to}T23:59:59.999`).toISOString() : null,
  };
}
