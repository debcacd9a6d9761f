import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('Token', { description: 'A token of the organisation, as payment knows it: by id, with its price.' })
@Directive('@key(fields: "id")')
export class TokenRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'What a token costs: `unitAmount` minor units of `currency` buy `perTokens` minor units of the token.' })
@Directive('@requiresScopes(scopes: [["payment:read"]])')
export class TokenPrice {
  @Field(() => TokenRef)
  token!: TokenRef;

  @Field(() => String, { description: 'ISO 4217 code, e.g. EUR.' })
  currency!: string;

  @Field(() => Int, { description: "The currency's minor units per major unit as a power of ten (EUR 2, JPY 0)." })
  currencyExponent!: number;

  @Field(() => String, { description: 'Minor units of the currency, e.g. "150" for 1.50 EUR.' })
  unitAmount!: string;

  @Field(() => String, { description: 'Minor units of the token that unitAmount buys.' })
  perTokens!: string;

  @Field(() => String, { nullable: true, description: 'The fewest token minor units one purchase may buy.' })
  minTokens!: string | null;

  @Field(() => String, { nullable: true, description: 'The most token minor units one purchase may buy.' })
  maxTokens!: string | null;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@InputType()
export class SetTokenPriceInput {
  @Field(() => ID)
  tokenId!: string;

  @Field(() => String, { defaultValue: 'EUR', description: 'ISO 4217 code; EUR unless said otherwise.' })
  currency!: string;

  @Field(() => String, { description: 'Minor units of the currency for perTokens token minor units.' })
  unitAmount!: string;

  @Field(() => String, { defaultValue: '1', description: 'Token minor units unitAmount buys.' })
  perTokens!: string;

  @Field(() => String, { nullable: true })
  minTokens?: string | null;

  @Field(() => String, { nullable: true })
  maxTokens?: string | null;
}
