import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A token an organisation runs. Amounts are strings of whole minor units." })
@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["token:read"]])')
export class Token {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  symbol!: string;

  @Field(() => Int, { description: 'Where the decimal point goes when showing an amount.' })
  decimals!: number;

  @Field(() => String, { nullable: true, description: 'The most that may circulate; null when uncapped.' })
  maxSupply!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@InputType()
export class DefineTokenInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  symbol!: string;

  @Field(() => Int)
  decimals!: number;

  @Field(() => String, { nullable: true })
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
