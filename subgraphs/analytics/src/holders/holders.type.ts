import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('User')
@Directive('@key(fields: "id", resolvable: false)')
export class UserRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A member among the largest holders of a token.' })
export class TopHolder {
  @Field(() => UserRef)
  user!: UserRef;

  @Field(() => String, { description: 'What they hold, in minor units.' })
  balance!: string;
}

@ObjectType({ description: 'Holders whose balance is at least lowerBound and below ten times it (minor units).' })
export class HolderBin {
  @Field(() => String)
  lowerBound!: string;

  @Field(() => Int)
  holders!: number;
}

@ObjectType({ description: "Who holds a token now: how many, the largest, and how concentrated it is." })
export class TokenHolders {
  @Field(() => ID)
  tokenId!: string;

  @Field(() => Int, { description: 'Members holding more than nothing.' })
  holders!: number;

  @Field(() => String)
  circulatingSupply!: string;

  @Field(() => String, { description: 'What the largest tenth of holders (rounded up) hold together.' })
  topDecileAmount!: string;

  @Field(() => Float, { description: 'topDecileAmount over circulatingSupply, from 0 to 1 (0 when nothing circulates).' })
  topDecileShare!: number;

  @Field(() => [TopHolder])
  top!: TopHolder[];

  @Field(() => [HolderBin])
  distribution!: HolderBin[];
}
