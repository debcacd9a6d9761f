import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MemberRole } from '../membership/membership.type.ts';

export enum InvitationStatus {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  DECLINED = 'declined',
  REVOKED = 'revoked',
  EXPIRED = 'expired',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus', description: 'Where an invitation stands.' });

@ObjectType({ description: 'An offer to join an organisation with a role; nothing is held until it is accepted.' })
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { description: "The organisation's name when the invitation was sent." })
  organizationName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => MemberRole)
  role!: MemberRole;

  @Field(() => InvitationStatus)
  status!: InvitationStatus;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;
}
