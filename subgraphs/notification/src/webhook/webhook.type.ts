import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One try of a delivery, as the log keeps it.' })
export class WebhookAttempt {
  @Field(() => Int)
  attempt!: number;

  @Field(() => String, { description: 'sending, succeeded or failed.' })
  outcome!: string;

  @Field(() => GraphQLISODateTime)
  startedAt!: Date;

  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the endpoint answered, if it answered.' })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The beginning of the answer (at most 1 KiB).' })
  responseExcerpt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why there was no answer (timeout, refused address…).' })
  error!: string | null;
}

@ObjectType({ description: 'A message to one endpoint, tried on the retry schedule.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The `webhook-id` header: the same on every attempt and replay of the message.' })
  messageId!: string;

  @Field(() => String)
  eventType!: string;

  @Field(() => String, { description: 'pending, succeeded or failed.' })
  status!: string;

  @Field(() => Int)
  attemptCount!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The delivery this one replays.' })
  replayOf!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => [WebhookAttempt], { description: 'At most eight: the retry schedule.' })
  @Directive('@listSize(assumedSize: 8)')
  attempts!: WebhookAttempt[];
}

@ObjectType({ description: "One of the organisation's outgoing webhook endpoints (Standard Webhooks 1.0)." })
@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["webhooks:manage"]])')
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String)
  description!: string;

  @Field(() => [String])
  eventTypes!: string[];

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is disabled (410 Gone, five days of failures, an administrator).' })
  disabledReason!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Until when the previous secret also signs, after a rotation.' })
  previousSecretExpiresAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType({ description: 'An endpoint and its signing secret, shown this once.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field(() => String, { description: '`whsec_…`: keep it where your receiver can read it; it is never shown again.' })
  secret!: string;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: 'An https URL on the public Internet.' })
  url!: string;

  @Field(() => [String], { description: 'Event types to receive (`webhookEventTypes`).' })
  eventTypes!: string[];

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true })
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Enable again after it was disabled, or pause it.' })
  enabled?: boolean | null;
}
