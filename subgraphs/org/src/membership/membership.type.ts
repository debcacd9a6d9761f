import { Directive, Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organization/organization.type.ts';

export enum MemberRole {
  OWNER = 'owner',
  ADMIN = 'admin',
  MEMBER = 'member',
  AUDITOR = 'auditor',
}
registerEnumType(MemberRole, { name: 'MemberRole', description: 'What a person may do in an organisation.' });

/** A person of the identity subgraph, by key; org adds their memberships. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class UserRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "A person's place in an organisation." })
@Directive('@key(fields: "id")')
@Directive('@authenticated')
export class Membership {
  @Field(() => ID)
  id!: string;

  @Field(() => Organization, { description: 'The organisation the person belongs to.' })
  organization!: Organization;

  @Field(() => UserRef, { description: 'The person.' })
  user!: UserRef;

  @Field(() => MemberRole, { description: 'Their role there, which decides their scopes.' })
  role!: MemberRole;

  @Field(() => GraphQLISODateTime, { description: 'When they accepted the invitation (or created the organisation).' })
  joinedAt!: Date;
}
