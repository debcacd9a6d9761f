import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A TOTP secret to add to an authenticator app; confirm it with a code.' })
export class TotpEnrollment {
  @Field(() => String)
  secret!: string;

  @Field(() => String, { description: 'otpauth:// URI, for a QR code.' })
  otpauthUri!: string;
}

@ObjectType({ description: 'One-time recovery codes, shown once.' })
export class RecoveryCodes {
  @Field(() => [String])
  codes!: string[];
}
