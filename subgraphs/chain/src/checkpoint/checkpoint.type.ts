import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A signed statement of the log: its origin, size and root hash (C2SP tlog-checkpoint).' })
@Directive('@key(fields: "treeSize")')
export class Checkpoint {
  @Field(() => GraphQLSafeInt)
  treeSize!: number;

  @Field(() => String, { description: 'Base64 SHA-256 root hash (RFC 9162).' })
  rootHash!: string;

  @Field(() => String, { description: 'The signed note, verifiable with chainPublicKey.' })
  note!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType()
export class ConsistencyProof {
  @Field(() => GraphQLSafeInt)
  size1!: number;

  @Field(() => GraphQLSafeInt)
  size2!: number;

  @Field(() => [String], { description: 'Base64 hashes, RFC 9162 §2.1.4.' })
  hashes!: string[];
}

@ObjectType({ description: "A transaction's place in the log, with everything needed to check it offline." })
export class InclusionProof {
  @Field(() => GraphQLSafeInt)
  leafIndex!: number;

  @Field(() => GraphQLSafeInt)
  treeSize!: number;

  @Field(() => String, { description: 'The leaf: the transaction, canonically serialised (sorted-key JSON).' })
  leafData!: string;

  @Field(() => [String], { description: 'Base64 hashes, RFC 9162 §2.1.3.' })
  hashes!: string[];

  @Field(() => Checkpoint)
  checkpoint!: Checkpoint;
}

@ObjectType('TokenTransaction')
@Directive('@key(fields: "id")')
export class TokenTransactionRef {
  @Field(() => ID)
  id!: string;
}
