import { Directive, Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum NotificationKindValue {
  TOKENS_RECEIVED = 'tokens.received',
  TOKENS_ISSUED = 'tokens.issued',
  TOKENS_REDEEMED = 'tokens.redeemed',
  TRANSACTION_REVERSED = 'transaction.reversed',
  ROLE_CHANGED = 'role.changed',
  INVITATION_RECEIVED = 'invitation.received',
  APIKEY_CREATED = 'apikey.created',
  APIKEY_REVOKED = 'apikey.revoked',
  WEBHOOK_DISABLED = 'webhook.disabled',
  PAYMENT_SUCCEEDED = 'payment.succeeded',
  PAYMENT_FAILED = 'payment.failed',
  PAYMENT_REFUNDED = 'payment.refunded',
}
registerEnumType(NotificationKindValue, { name: 'NotificationKind', description: 'What a notification tells.' });

@ObjectType({ description: 'A value a notification is about, by name (amount, tokenId, role, apiKeyName…).' })
export class NotificationParam {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType({ description: 'Something that happened that concerns you; only you see it.' })
@Directive('@key(fields: "id")')
@Directive('@authenticated')
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKindValue)
  kind!: NotificationKindValue;

  @Field(() => ID, { description: 'The organisation it happened in.' })
  organizationId!: string;

  @Field(() => String, { description: 'A headline in your language (the one identity keeps for you).' })
  title!: string;

  @Field(() => String, { description: 'One or two sentences in your language.' })
  text!: string;

  @Field(() => [NotificationParam], { description: 'What it is about, for the app to link or format (amounts are integer minor units).' })
  params!: NotificationParam[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  readAt!: Date | null;
}

@ObjectType({ description: 'A page of your notifications, newest first.' })
export class NotificationPage {
  @Field(() => [Notification])
  nodes!: Notification[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
