import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { AuditPage } from '../audit/audit.type.ts';
import { TokenHolders } from '../holders/holders.type.ts';
import { timeZoneOrThrow } from '../period/period.rules.ts';
import { BalanceHistory, MembershipAnalytics, TokenAnalytics } from '../series/series.type.ts';
import { decimalsOrThrow, localeOrThrow } from './csv.ts';
import { auditCsv, balanceCsv, holdersCsv, membershipCsv, moneyCsv, periodsCsv } from './csv.tables.ts';

const LOCALE = { description: 'The language of the headings and of numbers and dates: en or fr (whose fields are split by semicolons).' };
const DECIMALS = { defaultValue: 0, description: "The token's decimals, to show amounts as people read them." };

/** Every table people are shown, as CSV: a field beside the rows it exports, so it is read with the rows' own rights. */
@Resolver(() => TokenAnalytics)
export class TokenAnalyticsCsvResolver {
  @FieldResolver(() => String, { description: 'The periods as CSV.' })
  csv(@Root() r: TokenAnalytics, @Arg('locale', () => String, LOCALE) locale: string, @Arg('decimals', () => Int, DECIMALS) decimals: number): string {
    return periodsCsv(r.periods, localeOrThrow(locale), decimalsOrThrow(decimals));
  }

  @FieldResolver(() => String, { description: 'The money per period and currency as CSV.' })
  moneyCsv(@Root() r: TokenAnalytics, @Arg('locale', () => String, LOCALE) locale: string): string {
    return moneyCsv(r.money, localeOrThrow(locale));
  }
}

@Resolver(() => MembershipAnalytics)
export class MembershipCsvResolver {
  @FieldResolver(() => String, { description: 'The periods as CSV.' })
  csv(@Root() r: MembershipAnalytics, @Arg('locale', () => String, LOCALE) locale: string): string {
    return membershipCsv(r.periods, localeOrThrow(locale));
  }
}

@Resolver(() => BalanceHistory)
export class BalanceCsvResolver {
  @FieldResolver(() => String, { description: 'The balance per period as CSV.' })
  csv(@Root() r: BalanceHistory, @Arg('locale', () => String, LOCALE) locale: string, @Arg('decimals', () => Int, DECIMALS) decimals: number): string {
    return balanceCsv(r.points, localeOrThrow(locale), decimalsOrThrow(decimals));
  }
}

@Resolver(() => TokenHolders)
export class HoldersCsvResolver {
  @FieldResolver(() => String, { description: 'The top holders as CSV.' })
  csv(@Root() r: TokenHolders, @Arg('locale', () => String, LOCALE) locale: string, @Arg('decimals', () => Int, DECIMALS) decimals: number): string {
    return holdersCsv(r.top.map((t) => ({ userId: t.user.id, balance: t.balance })), r.circulatingSupply, localeOrThrow(locale), decimalsOrThrow(decimals));
  }
}

@Resolver(() => AuditPage)
export class AuditCsvResolver {
  @FieldResolver(() => String, { description: "The page's entries as CSV." })
  csv(@Root() r: AuditPage, @Arg('locale', () => String, LOCALE) locale: string, @Arg('timeZone', () => String, { defaultValue: 'UTC' }) timeZone: string): string {
    return auditCsv(r.entries, localeOrThrow(locale), timeZoneOrThrow(timeZone));
  }
}
