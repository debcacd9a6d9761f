import { Directive, Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum RefundStatus {
  PENDING = 'pending',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
  CANCELED = 'canceled',
}
registerEnumType(RefundStatus, { name: 'RefundStatus' });

@ObjectType({ description: 'Money returned for tokens taken back from the buyer.' })
@Directive('@requiresScopes(scopes: [["payment:read"]])')
export class Refund {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  paymentId!: string;

  @Field(() => RefundStatus)
  status!: RefundStatus;

  @Field(() => String, { description: 'Token minor units taken back.' })
  tokens!: string;

  @Field(() => String, { description: 'Minor units of the currency returned.' })
  amount!: string;

  @Field(() => String, { nullable: true, description: 'Why it failed or was canceled (an error code).' })
  failureCode!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@InputType()
export class RefundPaymentInput {
  @Field(() => ID)
  paymentId!: string;

  @Field(() => String, { nullable: true, description: 'Token minor units to take back; all that is not refunded yet when absent.' })
  tokens?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Owners only: when the buyer spent some, take back and refund only what is left.' })
  onlyWhatIsLeft!: boolean;

  @Field(() => String)
  idempotencyKey!: string;
}
