import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An item of the active organisation.' })
@Directive('@key(fields: "id")')
@Directive('@authenticated')
export class __Name__Item {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}
