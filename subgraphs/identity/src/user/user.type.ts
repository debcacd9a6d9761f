import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { Language } from '../auth/email-links.type.ts';

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

  @Field(() => Language, { description: 'The language mail and notifications reach the person in.' })
  @Directive('@authenticated')
  language!: Language;

  @Field(() => GraphQLISODateTime, { description: 'When the account was created.' })
  createdAt!: Date;
}
