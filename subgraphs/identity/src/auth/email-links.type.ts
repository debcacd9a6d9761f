import { Field, InputType, registerEnumType } from 'type-graphql';

export enum Language {
  EN = 'en',
  FR = 'fr',
}
registerEnumType(Language, { name: 'Language', description: 'A language mail and notifications can reach a person in.' });

@InputType({ description: 'A sign-up waiting for its address to be confirmed by the link mailed to it.' })
export class SignUpRequestInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => Language, { nullable: true, description: 'The language of the mail and of what follows (English by default).' })
  language?: Language | null;
}
