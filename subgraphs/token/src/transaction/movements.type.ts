import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { LegKind, TokenTransaction } from './transaction.type.ts';

@InputType({ description: 'One movement of a partner batch, with its own idempotency key and its own result.' })
export class IndependentMovementInput {
  @Field(() => LegKind, { description: 'Issue, transfer or redeem.' })
  kind!: LegKind;

  @Field(() => ID, { description: 'The token to move.' })
  tokenId!: string;

  @Field(() => String, { description: 'Whole minor units, e.g. "1250" for 12.50 of a two-decimal token.' })
  amount!: string;

  @Field(() => ID, { nullable: true, description: 'The receiving member (issue and transfer).' })
  toUserId?: string | null;

  @Field(() => String, { description: 'Repeat this movement with the same key to get its first result, never a second effect.' })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'A note kept with the transaction (500 characters at most).' })
  memo?: string | null;
}

@InputType({ description: 'Many independent movements in one request: each commits or is refused on its own.' })
export class MovementsInput {
  @Field(() => [IndependentMovementInput], { description: 'The movements, at most 100, applied one by one in this order.' })
  movements!: IndependentMovementInput[];
}

@ObjectType({ description: 'Why one movement of a partner batch was refused; nothing of it was written.' })
export class MovementRefusal {
  @Field(() => String, { description: 'The error code, as a GraphQL error would carry it (INSUFFICIENT_BALANCE, BAD_USER_INPUT…).' })
  code!: string;

  @Field(() => String, { description: 'What went wrong, for people.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The input field at fault, when one is.' })
  field?: string | null;
}

@ObjectType({ description: 'The result of one movement of a partner batch: its transaction, or why it was refused.' })
export class MovementResult {
  @Field(() => String, { description: 'The movement’s idempotency key, to match results to requests.' })
  idempotencyKey!: string;

  @Field(() => TokenTransaction, { nullable: true, description: 'The committed transaction (its first result when the key was used before).' })
  transaction?: TokenTransaction | null;

  @Field(() => MovementRefusal, { nullable: true, description: 'Why it was refused, when it was.' })
  refusal?: MovementRefusal | null;
}
