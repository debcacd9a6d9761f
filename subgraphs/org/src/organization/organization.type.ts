import { Directive, Field, GraphQLISODateTime, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tenant: a company or community running a token programme.' })
@Directive('@key(fields: "id")')
@Directive('@authenticated')
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The organisation's name, as its members see it." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Brand colour as #rrggbb; the web app themes itself with it.' })
  brandColor!: string | null;

  @Field(() => String, { nullable: true, description: 'https:// address of the logo.' })
  logoUrl!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the organisation was created.' })
  createdAt!: Date;
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  brandColor?: string | null;

  @Field(() => String, { nullable: true })
  logoUrl?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears a colour or logo.' })
export class BrandingInput {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  brandColor?: string | null;

  @Field(() => String, { nullable: true })
  logoUrl?: string | null;
}
