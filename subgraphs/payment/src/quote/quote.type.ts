import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { TokenRef } from '../price/price.type.ts';

@ObjectType({ description: 'A price and total fixed for a few minutes: pay before expiresAt, or ask again.' })
export class Quote {
  @Field(() => ID)
  id!: string;

  @Field(() => TokenRef)
  token!: TokenRef;

  @Field(() => String, { description: 'Token minor units bought.' })
  tokens!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => Int)
  currencyExponent!: number;

  @Field(() => String)
  unitAmount!: string;

  @Field(() => String)
  perTokens!: string;

  @Field(() => String, { description: 'What the buyer pays, in minor units of the currency (rounded up to a whole minor unit).' })
  total!: string;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;
}

@InputType({ description: 'Either the tokens to buy or the most to spend (then as many tokens as that total buys).' })
export class QuoteInput {
  @Field(() => ID)
  tokenId!: string;

  @Field(() => String, { nullable: true, description: 'Token minor units to buy.' })
  tokens?: string | null;

  @Field(() => String, { nullable: true, description: 'The most to pay, in minor units of the currency.' })
  total?: string | null;
}
