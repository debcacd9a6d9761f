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

export const HISTORY = graphql(`
  query History($input: HistoryInput!) {
    myTransactions(input: $input) {
      nodes {
        id
        kind
        memo
        createdAt
        postings {
          amount
          ownerType
          owner {
            id
          }
          token {
            id
            symbol
            decimals
          }
        }
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
