import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A mail in the development mailbox (there is one only when no SMTP server is set).' })
export class DevelopmentMail {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String, { description: 'The plain-text part.' })
  text!: string;

  @Field(() => String)
  html!: string;

  @Field(() => String)
  locale!: string;

  @Field(() => String, { description: 'pending, sent or failed.' })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}
