import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A token an organisation runs. Amounts are strings of whole minor units." })
@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["token:read"]])')
export class Token {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'What members see the token called, e.g. Acme Points.' })
  name!: string;

  @Field(() => String, { description: 'A short code for amounts, 2 to 10 capital letters or digits (e.g. PTS), unique in the organisation.' })
  symbol!: string;

  @Field(() => Int, { description: 'Where the decimal point goes when showing an amount.' })
  decimals!: number;

  @Field(() => String, { nullable: true, description: 'The most that may circulate; null when uncapped.' })
  maxSupply!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the token was defined.' })
  createdAt!: Date;
}

@InputType({ description: 'A new token of the active organisation.' })
export class DefineTokenInput {
  @Field(() => String, { description: 'What members will see it called.' })
  name!: string;

  @Field(() => String, { description: '2 to 10 letters or digits, stored in capitals; unique in the organisation.' })
  symbol!: string;

  @Field(() => Int, { description: 'Where the decimal point goes when showing an amount, 0 to 18.' })
  decimals!: number;

  @Field(() => String, { nullable: true, description: 'The most that may ever circulate, in minor units; omit for no cap.' })
  maxSupply?: string | null;
}

@ObjectType({ description: "A person's holding of one token." })
export class Balance {
  @Field(() => Token)
  token!: Token;

  @Field(() => String)
  amount!: string;
}

@ObjectType('User')
@Directive('@key(fields: "id")')
export class UserRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('Organization')
@Directive('@key(fields: "id")')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}
