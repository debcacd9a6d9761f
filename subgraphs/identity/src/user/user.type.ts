import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

@ObjectType('User', { description: 'A person with an Etika account.' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @Directive('@authenticated')
  email!: string;

  @Field(() => Boolean, { description: 'Whether sign-in asks for a second factor.' })
  @Directive('@authenticated')
  mfaEnabled!: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}
