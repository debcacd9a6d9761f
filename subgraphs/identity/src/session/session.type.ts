import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One of your sign-ins: a browser or device that can stay signed in.' })
export class Session {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When it last renewed its tokens.' })
  lastUsedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The address it was last used from.' })
  clientAddress!: string | null;

  @Field(() => String, { nullable: true, description: "The browser's own description of itself (user agent)." })
  device!: string | null;

  @Field(() => Boolean, { description: 'This is the session making the request.' })
  current!: boolean;
}
