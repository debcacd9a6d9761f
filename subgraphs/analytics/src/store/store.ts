import type { TenantScope } from '@etika/kit';
import type { Period } from '../period/period.rules.ts';

/** One period of a token's numbers; amounts in the token's minor units. */
export interface TokenPeriodRow {
  readonly issued: bigint;
  readonly sold: bigint;
  readonly transferred: bigint;
  readonly redeemed: bigint;
  readonly reversed: bigint;
  readonly refunded: bigint;
  readonly transactions: number;
  readonly activeMembers: number;
  /** What members held at the end of the period. */
  readonly circulatingSupply: bigint;
}

/** A token's periods, and the whole range (sums, people active at any time in it, the supply at its end). */
export interface TokenSeries {
  readonly periods: TokenPeriodRow[];
  readonly totals: TokenPeriodRow;
}

/** Money of one period in one currency, in its minor units. */
export interface MoneyPeriodRow {
  readonly period: number;
  readonly currency: string;
  readonly paid: bigint;
  readonly refunded: bigint;
  readonly payments: number;
}

export interface MembershipPeriodRow {
  readonly joined: number;
  readonly left: number;
}

export interface HoldersReport {
  readonly holders: number;
  readonly circulatingSupply: bigint;
  /** What the largest tenth of holders (rounded up) hold together. */
  readonly topDecileAmount: bigint;
  readonly top: readonly { readonly userId: string; readonly balance: bigint }[];
  /** Holders by order of magnitude of their balance: [10^k, 10^(k+1)) minor units. */
  readonly distribution: readonly { readonly lowerBound: bigint; readonly holders: number }[];
}

export interface AuditFilter {
  readonly actor?: string | null;
  readonly action?: string | null;
  readonly outcome?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  /** Entries strictly older than this one (the last of the previous page). */
  readonly after?: { readonly at: Date; readonly id: string } | null;
  readonly limit: number;
}

export interface AuditEntryRow {
  readonly id: string;
  readonly subgraph: string;
  readonly actor: string;
  readonly action: string;
  readonly outcome: string;
  readonly errorCode: string | null;
  readonly requestId: string | null;
  readonly at: Date;
}

/**
 * What the dashboard and the auditors read. Postgres implements it (`PostgresAnalyticsStore`); an analytical
 * store (ClickHouse, …) would implement the same methods over the same slots. Every read is of the scope's
 * organisation only; each returns one row per period, in order.
 */
export interface AnalyticsStore {
  /** With a reader, their zone is noted as one to keep warm (see `warm/warm.ts`). */
  tokenSeries(scope: TenantScope, tokenId: string, periods: readonly Period[], reader?: { readonly timeZone: string }): Promise<TokenSeries>;
  moneySeries(scope: TenantScope, tokenId: string, periods: readonly Period[]): Promise<MoneyPeriodRow[]>;
  membershipSeries(scope: TenantScope, periods: readonly Period[]): Promise<MembershipPeriodRow[]>;
  holders(scope: TenantScope, tokenId: string, top: number): Promise<HoldersReport>;
  /** A member's balance at the end of each period. */
  balanceHistory(scope: TenantScope, tokenId: string, userId: string, periods: readonly Period[]): Promise<bigint[]>;
  auditTrail(scope: TenantScope, filter: AuditFilter): Promise<AuditEntryRow[]>;
}
