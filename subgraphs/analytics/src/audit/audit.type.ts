import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditOutcome {
  SUCCESS = 'success',
  FAILURE = 'failure',
}
registerEnumType(AuditOutcome, { name: 'AuditOutcome', description: 'How an audited mutation ended.' });

@ObjectType({ description: "One audited mutation of the organisation, from any subgraph; failures included." })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The subgraph that ran it.' })
  subgraph!: string;

  @Field(() => String, { description: 'Who: user:<id>, apikey:<id> or anonymous.' })
  actor!: string;

  @Field(() => String, { description: 'The mutation, e.g. issueTokens.' })
  action!: string;

  @Field(() => AuditOutcome)
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'The error code of a failure.' })
  errorCode!: string | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => GraphQLISODateTime)
  at!: Date;
}

@InputType({ description: 'Narrows the audit trail; every field given must match.' })
export class AuditTrailFilter {
  @Field(() => String, { nullable: true })
  actor?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => AuditOutcome, { nullable: true })
  outcome?: AuditOutcome | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'From this instant on.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Before this instant.' })
  to?: Date | null;
}

@ObjectType({ description: 'A page of the audit trail, newest first.' })
export class AuditPage {
  @Field(() => [AuditEntry])
  entries!: AuditEntry[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last.' })
  next!: string | null;
}

