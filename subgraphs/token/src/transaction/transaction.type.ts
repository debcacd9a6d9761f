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
registerEnumType(TransactionKind, { name: 'TransactionKind', description: 'What a transaction did: issue, transfer, redeem, a batch of legs, or a reversal.' });

export enum LegKind {
  ISSUE = 'issue',
  TRANSFER = 'transfer',
  REDEEM = 'redeem',
}
registerEnumType(LegKind, { name: 'LegKind', description: 'What one leg of a batch does.' });

export enum AccountOwner {
  MEMBER = 'member',
  ISSUANCE = 'issuance',
  REDEMPTION = 'redemption',
  /** The issuance account purchases come from, apart from what staff issue. */
  SALE = 'sale',
}
registerEnumType(AccountOwner, { name: 'AccountOwner', description: "Whose account a posting moves: a member's, or the token's issuance or redemption account." });

@ObjectType({ description: 'One side of a transaction: negative debits, positive credits.' })
export class Posting {
  @Field(() => ID, { description: 'The account debited or credited.' })
  accountId!: string;

  @Field(() => Token, { description: 'The token moved.' })
  token!: Token;

  @Field(() => AccountOwner, { description: 'Whose account it is.' })
  ownerType!: AccountOwner;

  @Field(() => UserRef, { nullable: true, description: 'The member, for member accounts.' })
  owner!: UserRef | null;

  @Field(() => String, { description: 'Minor units: negative debits the account, positive credits it.' })
  amount!: string;
}

@ObjectType({ description: 'An immutable double-entry transaction.' })
@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["token:read"]])')
export class TokenTransaction {
  @Field(() => ID)
  id!: string;

  @Field(() => TransactionKind, { description: 'What the transaction did.' })
  kind!: TransactionKind;

  @Field(() => [Posting], { description: 'Its postings, which sum to zero per token.' })
  @Directive('@listSize(assumedSize: 4)')
  postings!: Posting[];

  @Field(() => String, { nullable: true, description: 'The note the requester attached, if any.' })
  memo!: string | null;

  @Field(() => ID, { nullable: true, description: 'The transaction this one reverses.' })
  reversesId!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was committed.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of transactions, newest first.' })
export class TransactionPage {
  @Field(() => [TokenTransaction], { description: 'The transactions of this page.' })
  nodes!: TokenTransaction[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null at the end.' })
  endCursor!: string | null;

  @Field(() => Boolean, { description: 'Whether older transactions follow.' })
  hasNextPage!: boolean;
}

@InputType({ description: 'One movement of tokens: an issuance, a transfer or a redemption.' })
export class MovementInput {
  @Field(() => ID, { description: 'The token to move.' })
  tokenId!: string;

  @Field(() => String, { description: 'Whole minor units, e.g. "1250" for 12.50 of a two-decimal token.' })
  amount!: string;

  @Field(() => ID, { nullable: true, description: 'The receiving member (issue and transfer).' })
  toUserId?: string | null;

  @Field(() => String, { description: 'Repeat a request with the same key to get its first result, never a second effect.' })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'A note kept with the transaction (500 characters at most).' })
  memo?: string | null;
}

@InputType({ description: 'One movement of a batch.' })
export class LegInputType {
  @Field(() => LegKind, { description: 'Issue, transfer or redeem.' })
  kind!: LegKind;

  @Field(() => ID, { description: 'The token to move.' })
  tokenId!: string;

  @Field(() => String, { description: 'Whole minor units, e.g. "1250" for 12.50 of a two-decimal token.' })
  amount!: string;

  @Field(() => ID, { nullable: true, description: 'The receiving member (issue and transfer).' })
  toUserId?: string | null;
}

@InputType({ description: 'Several movements that happen together or not at all.' })
export class BatchInput {
  @Field(() => [LegInputType], { description: 'The movements, at most 50, applied together or not at all.' })
  legs!: LegInputType[];

  @Field(() => String, { description: 'Repeat a request with the same key to get its first result, never a second effect.' })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'A note kept with the transaction (500 characters at most).' })
  memo?: string | null;
}

@InputType({ description: 'Which transactions, and which page of them.' })
export class HistoryInput {
  @Field(() => Int, { defaultValue: 20, description: 'How many per page (at most 100).' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page; omit for the newest.' })
  after?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this token's transactions." })
  tokenId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only transactions committed at or after this time.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only transactions committed at or before this time.' })
  to?: Date | null;
}
