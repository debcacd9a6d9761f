import { graphql } from '../../gql/index.ts';

export const DASHBOARD_TOKENS = graphql(`
  query DashboardTokens {
    tokens {
      id
      name
      symbol
      decimals
      maxSupply
    }
  }
`);

export const DASHBOARD = graphql(`
  query Dashboard($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {
    tokenAnalytics(tokenId: $tokenId, range: $range) {
      tokenId
      periods {
        start
        issued
        sold
        transferred
        redeemed
        transactions
        activeMembers
        circulatingSupply
      }
      totals {
        issued
        sold
        transferred
        redeemed
        transactions
        activeMembers
        circulatingSupply
      }
      csv(locale: $locale, decimals: $decimals)
    }
    tokenHolders(tokenId: $tokenId, top: 10) {
      tokenId
      holders
      circulatingSupply
      topDecileShare
      top {
        user {
          id
          email
        }
        balance
      }
      csv(locale: $locale, decimals: $decimals)
    }
  }
`);

export const MY_BALANCE_HISTORY = graphql(`
  query MyBalanceHistory($tokenId: ID!, $range: AnalyticsRangeInput!, $locale: String!, $decimals: Int!) {
    myBalanceHistory(tokenId: $tokenId, range: $range) {
      tokenId
      points {
        start
        balance
      }
      csv(locale: $locale, decimals: $decimals)
    }
  }
`);

export const AUDIT_TRAIL = graphql(`
  query AuditTrail($filter: AuditTrailFilter, $after: String, $locale: String!, $timeZone: String!) {
    auditTrail(filter: $filter, first: 50, after: $after) {
      entries {
        id
        subgraph
        actor
        action
        outcome
        errorCode
        at
      }
      next
      csv(locale: $locale, timeZone: $timeZone)
    }
  }
`);
