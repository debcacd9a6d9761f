import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Token, UserRef } from '../token/token.type.ts';

export enum TransactionKind {
  ISSUE = 'issue',
  TRANSFER = 'transfer',
  REDEEM = 'redeem',
  BATCH = 'batch',
  REVERSAL = 'reversal',
  /** Tokens bought with money, issued from the token's sale account. */
  PURCHASE = 'purchase',
  /** Bought tokens taken back for a refund. */
  REFUND = 'refund',
}
registerEnumType(TransactionKind, { name: 'TransactionKind' });

export enum LegKind {
  ISSUE = 'issue',
  TRANSFER = 'transfer',
  REDEEM = 'redeem',
}
registerEnumType(LegKind, { name: 'LegKind' });

export enum AccountOwner {
  MEMBER = 'member',
  ISSUANCE = 'issuance',
  REDEMPTION = 'redemption',
  /** The issuance account purchases come from, apart from what staff issue. */
  SALE = 'sale',
}
registerEnumType(AccountOwner, { name: 'AccountOwner' });

@ObjectType({ description: 'One side of a transaction: negative debits, positive credits.' })
export class Posting {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Token)
  token!: Token;

  @Field(() => AccountOwner)
  ownerType!: AccountOwner;

  @Field(() => UserRef, { nullable: true, description: 'The member, for member accounts.' })
  owner!: UserRef | null;

  @Field(() => String)
  amount!: string;
}

@ObjectType({ description: 'An immutable double-entry transaction.' })
@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["token:read"]])')
export class TokenTransaction {
  @Field(() => ID)
  id!: string;

  @Field(() => TransactionKind)
  kind!: TransactionKind;

  @Field(() => [Posting])
  @Directive('@listSize(assumedSize: 4)')
  postings!: Posting[];

  @Field(() => String, { nullable: true })
  memo!: string | null;

  @Field(() => ID, { nullable: true, description: 'The transaction this one reverses.' })
  reversesId!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType()
export class TransactionPage {
  @Field(() => [TokenTransaction])
  nodes!: TokenTransaction[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null at the end.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

@InputType()
export class MovementInput {
  @Field(() => ID)
  tokenId!: string;

  @Field(() => String, { description: 'Whole minor units, e.g. "1250" for 12.50 of a two-decimal token.' })
  amount!: string;

  @Field(() => ID, { nullable: true, description: 'The receiving member (issue and transfer).' })
  toUserId?: string | null;

  @Field(() => String, { description: 'Repeat a request with the same key to get its first result, never a second effect.' })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true })
  memo?: string | null;
}

@InputType()
export class LegInputType {
  @Field(() => LegKind)
  kind!: LegKind;

  @Field(() => ID)
  tokenId!: string;

  @Field(() => String)
  amount!: string;

  @Field(() => ID, { nullable: true })
  toUserId?: string | null;
}

@InputType({ description: 'Several movements that happen together or not at all.' })
export class BatchInput {
  @Field(() => [LegInputType])
  legs!: LegInputType[];

  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => String, { nullable: true })
  memo?: string | null;
}

@InputType()
export class HistoryInput {
  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => ID, { nullable: true })
  tokenId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  to?: Date | null;
}
