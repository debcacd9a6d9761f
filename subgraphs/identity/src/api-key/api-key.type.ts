import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A partner's key to the API for one organisation." })
@Directive('@requiresScopes(scopes: [["apikeys:manage"]])')
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The visible start of the key, e.g. etk_live_ab12cd34.' })
  prefix!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "Cost points the key may spend per minute at the gateway; null takes the gateway's default." })
  rateLimitPerMinute!: number | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  name!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt?: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => String, { description: 'The whole key. Shown this once; only its hash is kept.' })
  secret!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}
