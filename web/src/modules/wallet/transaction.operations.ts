import { graphql } from '../../gql/index.ts';

export const PROOF_FIELDS = graphql(`
  fragment ProofFields on TokenTransaction {
    inclusionProof @include(if: $withProof) {
      leafIndex
      treeSize
      leafData
      hashes
      checkpoint {
        note
        treeSize
        createdAt
      }
    }
  }
`);

export const FIND_MINE = graphql(`
  query FindMyTransaction($input: HistoryInput!, $withProof: Boolean!) {
    myTransactions(input: $input) {
      nodes {
        ...TransactionFields
        ...ProofFields
      }
      endCursor
      hasNextPage
    }
  }
`);

export const FIND_IN_LEDGER = graphql(`
  query FindLedgerTransaction($input: HistoryInput!, $withProof: Boolean!) {
    organizationTransactions(input: $input) {
      nodes {
        ...TransactionFields
        ...ProofFields
      }
      endCursor
      hasNextPage
    }
  }
`);

export const CHAIN_KEY = graphql(`
  query ChainKey {
    chainPublicKey
  }
`);

export const REVERSE = graphql(`
  mutation ReverseTransaction($idempotencyKey: String!, $transactionId: ID!) {
    reverseTransaction(idempotencyKey: $idempotencyKey, transactionId: $transactionId) {
      id
    }
  }
`);
