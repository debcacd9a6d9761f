import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A signed statement of the log: its origin, size and root hash (C2SP tlog-checkpoint).' })
@Directive('@key(fields: "treeSize")')
export class Checkpoint {
  @Field(() => GraphQLSafeInt, { description: 'How many leaves (token transactions) the log held when this checkpoint was signed.' })
  treeSize!: number;

  @Field(() => String, { description: 'Base64 SHA-256 root hash (RFC 9162).' })
  rootHash!: string;

  @Field(() => String, { description: 'The signed note, verifiable with chainPublicKey.' })
  note!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the checkpoint was signed.' })
  createdAt!: Date;
}

@ObjectType({ description: 'Proof that the log at size2 extends the log at size1 without rewriting it (RFC 9162 §2.1.4).' })
export class ConsistencyProof {
  @Field(() => GraphQLSafeInt, { description: 'The older size, the one a verifier already trusts.' })
  size1!: number;

  @Field(() => GraphQLSafeInt, { description: 'The newer size.' })
  size2!: number;

  @Field(() => [String], { description: 'Base64 hashes, RFC 9162 §2.1.4.' })
  hashes!: string[];
}

@ObjectType({ description: "A transaction's place in the log, with everything needed to check it offline." })
export class InclusionProof {
  @Field(() => GraphQLSafeInt, { description: "The transaction's position in the log, from 0." })
  leafIndex!: number;

  @Field(() => GraphQLSafeInt, { description: 'The size of the tree the proof is for: that of its checkpoint.' })
  treeSize!: number;

  @Field(() => String, { description: 'The leaf: the transaction, canonically serialised (sorted-key JSON).' })
  leafData!: string;

  @Field(() => [String], { description: 'Base64 hashes, RFC 9162 §2.1.3.' })
  hashes!: string[];

  @Field(() => Checkpoint, { description: 'The signed checkpoint whose root hash the proof leads to.' })
  checkpoint!: Checkpoint;
}

@ObjectType('TokenTransaction')
@Directive('@key(fields: "id")')
export class TokenTransactionRef {
  @Field(() => ID)
  id!: string;
}
