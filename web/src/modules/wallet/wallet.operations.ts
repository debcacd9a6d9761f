import { graphql } from '../../gql/index.ts';

export const WALLET = graphql(`
  query Wallet {
    me {
      id
      wallet {
        amount
        token {
          id
          name
          symbol
          decimals
        }
      }
    }
  }
`);

export const RECIPIENTS = graphql(`
  query Recipients($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      members {
        id
        user {
          id
          email
        }
      }
    }
  }
`);

export const TRANSACTION_FIELDS = graphql(`
  fragment TransactionFields on TokenTransaction {
    id
    kind
    memo
    reversesId
    createdAt
    postings {
      accountId
      amount
      ownerType
      owner {
        id
        email
      }
      token {
        id
        symbol
        decimals
      }
    }
  }
`);

export const HISTORY = graphql(`
  query History($input: HistoryInput!) {
    myTransactions(input: $input) {
      nodes {
        ...TransactionFields
      }
      endCursor
      hasNextPage
    }
  }
`);

export const LEDGER = graphql(`
  query Ledger($input: HistoryInput!) {
    organizationTransactions(input: $input) {
      nodes {
        ...TransactionFields
      }
      endCursor
      hasNextPage
    }
  }
`);

export const TRANSFER = graphql(`
  mutation Transfer($input: MovementInput!) {
    transferTokens(input: $input) {
      id
    }
  }
`);

export const REDEEM = graphql(`
  mutation Redeem($input: MovementInput!) {
    redeemTokens(input: $input) {
      id
    }
  }
`);

export const HISTORY_TOKENS = graphql(`
  query HistoryTokens {
    tokens {
      id
      symbol
    }
  }
`);
