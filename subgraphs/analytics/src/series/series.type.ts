import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AnalyticsGranularity {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}
registerEnumType(AnalyticsGranularity, { name: 'AnalyticsGranularity', description: 'How long each period of a report is (weeks start on Monday).' });

@InputType({ description: 'The periods of a report: local dates in an IANA time zone, both included.' })
export class AnalyticsRangeInput {
  @Field(() => String, { description: 'First day, YYYY-MM-DD.' })
  from!: string;

  @Field(() => String, { description: 'Last day, YYYY-MM-DD (included).' })
  to!: string;

  @Field(() => AnalyticsGranularity)
  granularity!: AnalyticsGranularity;

  @Field(() => String, { description: 'An IANA time zone, e.g. Europe/Paris; days start at its midnight.' })
  timeZone!: string;
}

@ObjectType({ description: "One period of a token's numbers. Amounts are strings of whole minor units." })
export class TokenPeriodStats {
  @Field(() => String, { description: 'The first local day of the period, YYYY-MM-DD.' })
  start!: string;

  @Field(() => GraphQLISODateTime)
  startsAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'Where the next period starts.' })
  endsAt!: Date;

  @Field(() => String)
  issued!: string;

  @Field(() => String, { description: 'Tokens bought with money.' })
  sold!: string;

  @Field(() => String, { description: 'Tokens members sent to other members.' })
  transferred!: string;

  @Field(() => String)
  redeemed!: string;

  @Field(() => String, { description: 'Tokens moved back by reversals.' })
  reversed!: string;

  @Field(() => String, { description: 'Tokens taken back for refunds.' })
  refunded!: string;

  @Field(() => Int)
  transactions!: number;

  @Field(() => Int, { description: 'Distinct members whose balance took part in a movement in the period.' })
  activeMembers!: number;

  @Field(() => String, { description: 'What members held at the end of the period.' })
  circulatingSupply!: string;
}

@ObjectType({ description: 'Money of one period in one currency, in its minor units (ISO 4217).' })
export class MoneyPeriodStats {
  @Field(() => String)
  start!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => String, { description: 'What buyers paid.' })
  paid!: string;

  @Field(() => String, { description: 'What went back to buyers.' })
  refunded!: string;

  @Field(() => Int)
  payments!: number;
}

@ObjectType({ description: "A token's numbers over a range, period by period, with their totals." })
export class TokenAnalytics {
  @Field(() => ID)
  tokenId!: string;

  @Field(() => [TokenPeriodStats])
  periods!: TokenPeriodStats[];

  @Field(() => TokenPeriodStats, { description: 'The whole range: sums, distinct active members, the supply at its end.' })
  totals!: TokenPeriodStats;

  @Field(() => [MoneyPeriodStats], { description: 'Only the periods and currencies with payments.' })
  money!: MoneyPeriodStats[];
}

@ObjectType({ description: 'People who joined and left the organisation in one period.' })
export class MembershipPeriodStats {
  @Field(() => String)
  start!: string;

  @Field(() => Int)
  joined!: number;

  @Field(() => Int)
  left!: number;
}

@ObjectType({ description: "A member's balance at the end of one period." })
export class BalancePoint {
  @Field(() => String)
  start!: string;

  @Field(() => GraphQLISODateTime)
  endsAt!: Date;

  @Field(() => String)
  balance!: string;
}

@ObjectType({ description: 'People who joined and left the organisation, period by period.' })
export class MembershipAnalytics {
  @Field(() => [MembershipPeriodStats])
  periods!: MembershipPeriodStats[];
}

@ObjectType({ description: "A member's balance of one token at the end of each period." })
export class BalanceHistory {
  @Field(() => ID)
  tokenId!: string;

  @Field(() => [BalancePoint])
  points!: BalancePoint[];
}
