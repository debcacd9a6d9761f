import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from 'type-graphql';

/** Inputs are bounded so that nobody can make the server hash megabytes. */
export const MAX_EMAIL = 254;
export const MAX_PASSWORD = 256;

@InputType()
export class CredentialsInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}

@ObjectType({ description: 'Tokens for a signed-in session.' })
export class AuthPayload {
  @Field(() => String, { description: 'Short-lived bearer token for the API.' })
  accessToken!: string;

  @Field(() => String, { nullable: true, description: 'Single-use token for the next refresh; null when unchanged.' })
  refreshToken!: string | null;

  @Field(() => GraphQLISODateTime)
  accessTokenExpiresAt!: Date;

  @Field(() => ID)
  userId!: string;

  @Field(() => ID, { nullable: true, description: 'The organisation the access token acts in.' })
  organizationId!: string | null;
}

@ObjectType({ description: 'Either a session, or the request for a second factor.' })
export class SignInResult {
  @Field(() => Boolean)
  mfaRequired!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass to completeMfaSignIn with a code; valid five minutes.' })
  mfaToken!: string | null;

  @Field(() => AuthPayload, { nullable: true })
  session!: AuthPayload | null;
}
