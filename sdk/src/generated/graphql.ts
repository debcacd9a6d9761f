/* Generated from sdk/src/operations.graphql and schema/supergraph.graphql by `npm run generate`. */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Whose account a posting moves: a member's, or the token's issuance or redemption account. */
export type AccountOwner =
  | 'ISSUANCE'
  | 'MEMBER'
  | 'REDEMPTION'
  | 'SALE';

/** Several movements that happen together or not at all. */
export type BatchInput = {
  /** Repeat a request with the same key to get its first result, never a second effect. */
  idempotencyKey: string;
  /** The movements, at most 50, applied together or not at all. */
  legs: Array<LegInputType>;
  /** A note kept with the transaction (500 characters at most). */
  memo?: string | null | undefined;
};

/** A new token of the active organisation. */
export type DefineTokenInput = {
  /** Where the decimal point goes when showing an amount, 0 to 18. */
  decimals: number;
  /** The most that may ever circulate, in minor units; omit for no cap. */
  maxSupply?: string | null | undefined;
  /** What members will see it called. */
  name: string;
  /** 2 to 10 letters or digits, stored in capitals; unique in the organisation. */
  symbol: string;
};

/** Which transactions, and which page of them. */
export type HistoryInput = {
  /** The endCursor of the previous page; omit for the newest. */
  after?: string | null | undefined;
  /** How many per page (at most 100). */
  first?: number;
  /** Only transactions committed at or after this time. */
  from?: string | null | undefined;
  /** Only transactions committed at or before this time. */
  to?: string | null | undefined;
  /** Only this token's transactions. */
  tokenId?: string | number | null | undefined;
};

/** One movement of a batch. */
export type LegInputType = {
  /** Whole minor units, e.g. "1250" for 12.50 of a two-decimal token. */
  amount: string;
  /** Issue, transfer or redeem. */
  kind: LegKind;
  /** The receiving member (issue and transfer). */
  toUserId?: string | number | null | undefined;
  /** The token to move. */
  tokenId: string | number;
};

/** What one leg of a batch does. */
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

/** One movement of tokens: an issuance, a transfer or a redemption. */
export type MovementInput = {
  /** Whole minor units, e.g. "1250" for 12.50 of a two-decimal token. */
  amount: string;
  /** Repeat a request with the same key to get its first result, never a second effect. */
  idempotencyKey: string;
  /** A note kept with the transaction (500 characters at most). */
  memo?: string | null | undefined;
  /** The receiving member (issue and transfer). */
  toUserId?: string | number | null | undefined;
  /** The token to move. */
  tokenId: string | number;
};

/** What a transaction did: issue, transfer, redeem, a batch of legs, or a reversal. */
export type TransactionKind =
  | 'BATCH'
  | 'ISSUE'
  | 'PURCHASE'
  | 'REDEEM'
  | 'REFUND'
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