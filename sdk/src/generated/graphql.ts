/* Generated from sdk/src/operations.graphql and schema/supergraph.graphql by `npm run generate`. */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccountOwner =
  | 'ISSUANCE'
  | 'MEMBER'
  | 'REDEMPTION';

/** Several movements that happen together or not at all. */
export type BatchInput = {
  idempotencyKey: string;
  legs: Array<LegInputType>;
  memo?: string | null | undefined;
};

export type DefineTokenInput = {
  decimals: number;
  maxSupply?: string | null | undefined;
  name: string;
  symbol: string;
};

export type HistoryInput = {
  after?: string | null | undefined;
  first?: number;
  from?: string | null | undefined;
  to?: string | null | undefined;
  tokenId?: string | number | null | undefined;
};

export type LegInputType = {
  amount: string;
  kind: LegKind;
  toUserId?: string | number | null | undefined;
  tokenId: string | number;
};

export type LegKind =
  | 'ISSUE'
  | 'REDEEM'
  | 'TRANSFER';

/** What a person may do in an organisation. */
export type MemberRole =
  | 'ADMIN'
  | 'AUDITOR'
  | 'MEMBER'
  | 'OWNER';

export type MovementInput = {
  /** Whole minor units, e.g. "1250" for 12.50 of a two-decimal token. */
  amount: string;
  /** Repeat a request with the same key to get its first result, never a second effect. */
  idempotencyKey: string;
  memo?: string | null | undefined;
  /** The receiving member (issue and transfer). */
  toUserId?: string | number | null | undefined;
  tokenId: string | number;
};

export type TransactionKind =
  | 'BATCH'
  | 'ISSUE'
  | 'REDEEM'
  | 'REVERSAL'
  | 'TRANSFER';

export type TokensQueryVariables = Exact<{ [key: string]: never; }>;


export type TokensQuery = { tokens: Array<{ id: string, name: string, symbol: string, decimals: number, maxSupply: string | null, circulatingSupply: string, createdAt: string }> };

export type MembersQueryVariables = Exact<{
  organizationId: string | number;
}>;


export type MembersQuery = { organization: { id: string, name: string, members: Array<{ id: string, role: MemberRole, joinedAt: string, user: { id: string } }> } | null };

export type OrganizationTransactionsQueryVariables = Exact<{
  input: HistoryInput;
}>;


export type OrganizationTransactionsQuery = { organizationTransactions: { endCursor: string | null, hasNextPage: boolean, nodes: Array<{ id: string, kind: TransactionKind, memo: string | null, reversesId: string | null, createdAt: string, postings: Array<{ accountId: string, ownerType: AccountOwner, amount: string, token: { id: string, symbol: string }, owner: { id: string } | null }> }> } };

export type DefineTokenMutationVariables = Exact<{
  input: DefineTokenInput;
}>;


export type DefineTokenMutation = { defineToken: { id: string, name: string, symbol: string, decimals: number, maxSupply: string | null, circulatingSupply: string, createdAt: string } };

export type IssueTokensMutationVariables = Exact<{
  input: MovementInput;
}>;


export type IssueTokensMutation = { issueTokens: { id: string, kind: TransactionKind, memo: string | null, reversesId: string | null, createdAt: string, postings: Array<{ accountId: string, ownerType: AccountOwner, amount: string, token: { id: string, symbol: string }, owner: { id: string } | null }> } };

export type SubmitBatchMutationVariables = Exact<{
  input: BatchInput;
}>;


export type SubmitBatchMutation = { submitBatch: { id: string, kind: TransactionKind, memo: string | null, reversesId: string | null, createdAt: string, postings: Array<{ accountId: string, ownerType: AccountOwner, amount: string, token: { id: string, symbol: string }, owner: { id: string } | null }> } };

export type TransactionFragment = { id: string, kind: TransactionKind, memo: string | null, reversesId: string | null, createdAt: string, postings: Array<{ accountId: string, ownerType: AccountOwner, amount: string, token: { id: string, symbol: string }, owner: { id: string } | null }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const TransactionFragmentDoc = new TypedDocumentString(`
    fragment Transaction on TokenTransaction {
  id
  kind
  memo
  reversesId
  createdAt
  postings {
    accountId
    ownerType
    amount
    token {
      id
      symbol
    }
    owner {
      id
    }
  }
}
    `, {"fragmentName":"Transaction"}) as unknown as TypedDocumentString<TransactionFragment, unknown>;
export const TokensDocument = new TypedDocumentString(`
    query Tokens {
  tokens {
    id
    name
    symbol
    decimals
    maxSupply
    circulatingSupply
    createdAt
  }
}
    `) as unknown as TypedDocumentString<TokensQuery, TokensQueryVariables>;
export const MembersDocument = new TypedDocumentString(`
    query Members($organizationId: ID!) {
  organization(id: $organizationId) {
    id
    name
    members {
      id
      role
      joinedAt
      user {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MembersQuery, MembersQueryVariables>;
export const OrganizationTransactionsDocument = new TypedDocumentString(`
    query OrganizationTransactions($input: HistoryInput!) {
  organizationTransactions(input: $input) {
    nodes {
      ...Transaction
    }
    endCursor
    hasNextPage
  }
}
    fragment Transaction on TokenTransaction {
  id
  kind
  memo
  reversesId
  createdAt
  postings {
    accountId
    ownerType
    amount
    token {
      id
      symbol
    }
    owner {
      id
    }
  }
}`) as unknown as TypedDocumentString<OrganizationTransactionsQuery, OrganizationTransactionsQueryVariables>;
export const DefineTokenDocument = new TypedDocumentString(`
    mutation DefineToken($input: DefineTokenInput!) {
  defineToken(input: $input) {
    id
    name
    symbol
    decimals
    maxSupply
    circulatingSupply
    createdAt
  }
}
    `) as unknown as TypedDocumentString<DefineTokenMutation, DefineTokenMutationVariables>;
export const IssueTokensDocument = new TypedDocumentString(`
    mutation IssueTokens($input: MovementInput!) {
  issueTokens(input: $input) {
    ...Transaction
  }
}
    fragment Transaction on TokenTransaction {
  id
  kind
  memo
  reversesId
  createdAt
  postings {
    accountId
    ownerType
    amount
    token {
      id
      symbol
    }
    owner {
      id
    }
  }
}`) as unknown as TypedDocumentString<IssueTokensMutation, IssueTokensMutationVariables>;
export const SubmitBatchDocument = new TypedDocumentString(`
    mutation SubmitBatch($input: BatchInput!) {
  submitBatch(input: $input) {
    ...Transaction
  }
}
    fragment Transaction on TokenTransaction {
  id
  kind
  memo
  reversesId
  createdAt
  postings {
    accountId
    ownerType
    amount
    token {
      id
      symbol
    }
    owner {
      id
    }
  }
}`) as unknown as TypedDocumentString<SubmitBatchMutation, SubmitBatchMutationVariables>;