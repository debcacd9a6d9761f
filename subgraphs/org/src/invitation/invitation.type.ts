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

  @Field(() => ID, { description: 'The organisation the invitation is to.' })
  organizationId!: string;

  @Field(() => String, { description: "The organisation's name when the invitation was sent." })
  organizationName!: string;

  @Field(() => String, { description: 'The address invited; the person who signs in with it may accept.' })
  email!: string;

  @Field(() => MemberRole, { description: 'The role the person gets on accepting.' })
  role!: MemberRole;

  @Field(() => InvitationStatus, { description: 'Pending, accepted, declined, revoked or expired.' })
  status!: InvitationStatus;

  @Field(() => GraphQLISODateTime, { description: 'When it was sent.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'After this, it can no longer be accepted (7 days after it was sent).' })
  expiresAt!: Date;
}
