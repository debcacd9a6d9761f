import { graphql } from '../../gql/index.ts';

export const TOKENS = graphql(`
  query IssuanceTokens {
    tokens {
      id
      name
      symbol
      decimals
      maxSupply
      circulatingSupply
    }
  }
`);
export const DEFINE = graphql(`mutation DefineToken($input: DefineTokenInput!) { defineToken(input: $input) { id } }`);
export const ISSUE = graphql(`mutation IssueTokens($input: MovementInput!) { issueTokens(input: $input) { id } }`);
