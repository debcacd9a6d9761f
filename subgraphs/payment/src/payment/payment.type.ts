import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TokenRef } from '../price/price.type.ts';
import { Refund } from '../refund/refund.type.ts';

/** Stripe's PaymentIntent states; a failed attempt leaves the payment in REQUIRES_PAYMENT_METHOD with the attempt kept. */
export enum PaymentStatus {
  REQUIRES_PAYMENT_METHOD = 'requires_payment_method',
  REQUIRES_ACTION = 'requires_action',
  PROCESSING = 'processing',
  SUCCEEDED = 'succeeded',
  CANCELED = 'canceled',
}
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });

export enum PaymentProviderName {
  SANDBOX = 'sandbox',
  STRIPE = 'stripe',
}
registerEnumType(PaymentProviderName, { name: 'PaymentProviderName' });

export enum PaymentAttemptOutcome {
  SUCCEEDED = 'succeeded',
  DECLINED = 'declined',
  REQUIRES_ACTION = 'requires_action',
  PROCESSING = 'processing',
}
registerEnumType(PaymentAttemptOutcome, { name: 'PaymentAttemptOutcome' });

export enum PaymentNextAction {
  /** The sandbox's extra step: the buyer approves or refuses in the app (completePaymentAction). */
  CONFIRM_IN_APP = 'confirm_in_app',
  /** A real provider's step (3-D Secure) in its own element, with the clientSecret. */
  PROVIDER_ELEMENT = 'provider_element',
}
registerEnumType(PaymentNextAction, { name: 'PaymentNextAction' });

export enum PurchaseIssuance {
  /** Not paid yet, or paid and the tokens on their way. */
  PENDING = 'pending',
  ISSUED = 'issued',
  /** Paid, but the token's supply cap no longer had room: to be refunded. */
  REFUSED = 'refused',
}
registerEnumType(PurchaseIssuance, { name: 'PurchaseIssuance' });

@ObjectType('User')
@Directive('@key(fields: "id")')
export class UserRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'One confirmation of a payment and how it went.' })
export class PaymentAttempt {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The payment method's id at the provider (the sandbox's test method ids)." })
  method!: string;

  @Field(() => PaymentAttemptOutcome)
  outcome!: PaymentAttemptOutcome;

  @Field(() => String, { nullable: true, description: "The provider's decline code, e.g. insufficient_funds." })
  declineCode!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType({ description: 'Tokens bought with money. The platform keeps provider ids and statuses only, never card data.' })
@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["payment:read"]])')
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => PaymentProviderName)
  provider!: PaymentProviderName;

  @Field(() => TokenRef)
  token!: TokenRef;

  @Field(() => UserRef)
  buyer!: UserRef;

  @Field(() => String, { description: 'Token minor units bought.' })
  tokens!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => Int)
  currencyExponent!: number;

  @Field(() => String, { description: 'Minor units of the currency paid (or to pay).' })
  total!: string;

  @Field(() => String, { description: 'Token minor units taken back by refunds, pending ones included.' })
  refundedTokens!: string;

  @Field(() => String, { description: 'Minor units of the currency returned or being returned.' })
  refundedAmount!: string;

  @Field(() => PurchaseIssuance, { description: 'Whether the bought tokens are in the wallet.' })
  issuance!: PurchaseIssuance;

  @Field(() => GraphQLISODateTime, { nullable: true })
  tokensIssuedAt!: Date | null;

  @Field(() => PaymentNextAction, { nullable: true, description: 'What the buyer must do next while REQUIRES_ACTION.' })
  nextAction!: PaymentNextAction | null;

  @Field(() => String, { nullable: true, description: 'The decline code of the last failed attempt.' })
  lastDeclineCode!: string | null;

  @Field(() => String, { nullable: true, description: "For the provider's own element; only the buyer sees it, and never with the sandbox." })
  clientSecret!: string | null;

  @Field(() => [PaymentAttempt])
  attempts!: PaymentAttempt[];

  @Field(() => [Refund])
  refunds!: Refund[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType()
export class PaymentPage {
  @Field(() => [Payment])
  nodes!: Payment[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null at the end.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

@ObjectType({ description: 'A way to pay the configured provider offers in the app (the sandbox: its deterministic test methods).' })
export class PaymentMethodOption {
  @Field(() => String)
  id!: string;

  @Field(() => PaymentAttemptOutcome, { description: 'What confirming with it does (sandbox test methods).' })
  outcome!: PaymentAttemptOutcome;

  @Field(() => String, { nullable: true, description: 'The decline code it answers with, for declined methods.' })
  declineCode!: string | null;
}

@ObjectType()
export class PaymentMethods {
  @Field(() => PaymentProviderName)
  provider!: PaymentProviderName;

  @Field(() => [PaymentMethodOption], { description: 'Empty for a real provider: card entry happens in its own element.' })
  methods!: PaymentMethodOption[];
}

@ObjectType()
export class ReconcileResult {
  @Field(() => Int, { description: 'Payments whose provider was asked.' })
  checked!: number;

  @Field(() => Int, { description: 'Payments whose status changed.' })
  updated!: number;
}

@InputType()
export class CreatePaymentInput {
  @Field(() => ID)
  quoteId!: string;

  @Field(() => String, { description: 'Repeat with the same key to get the same payment, never a second one.' })
  idempotencyKey!: string;
}

@InputType()
export class ConfirmPaymentInput {
  @Field(() => ID)
  paymentId!: string;

  @Field(() => String, { description: 'A payment method id: one of paymentMethods (sandbox), or from the provider element.' })
  paymentMethod!: string;
}

@InputType()
export class CompletePaymentActionInput {
  @Field(() => ID)
  paymentId!: string;

  @Field(() => Boolean, { description: 'The sandbox: approve or refuse the extra step. A real provider: ignored, its status is fetched.' })
  approve!: boolean;
}

@InputType()
export class PaymentsInput {
  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => PaymentStatus, { nullable: true })
  status?: PaymentStatus | null;

  @Field(() => ID, { nullable: true })
  tokenId?: string | null;

  @Field(() => ID, { nullable: true, description: "organizationPayments only: one buyer's payments." })
  buyerId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  to?: Date | null;
}
