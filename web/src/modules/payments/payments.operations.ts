import { graphql } from '../../gql/index.ts';

export const PRICE_FIELDS = graphql(`
  fragment PriceFields on TokenPrice {
    currency
    currencyExponent
    unitAmount
    perTokens
    minTokens
    maxTokens
  }
`);

export const PAYMENT_FIELDS = graphql(`
  fragment PaymentFields on Payment {
    id
    status
    issuance
    tokens
    currency
    currencyExponent
    total
    refundedTokens
    refundedAmount
    nextAction
    lastDeclineCode
    createdAt
    token {
      id
      symbol
      decimals
    }
    refunds {
      id
      status
      tokens
      amount
      failureCode
      createdAt
    }
  }
`);

export const TOKEN_PRICES = graphql(`
  query TokenPrices {
    tokens {
      id
      name
      symbol
      decimals
      price {
        ...PriceFields
      }
    }
  }
`);

export const PAYMENT_METHODS = graphql(`query PaymentMethods { paymentMethods { provider methods { id outcome declineCode } } }`);

export const QUOTE = graphql(`
  mutation QuotePurchase($input: QuoteInput!) {
    quoteTokenPurchase(input: $input) {
      id
      tokens
      currency
      currencyExponent
      unitAmount
      perTokens
      total
      expiresAt
    }
  }
`);

export const CREATE_PAYMENT = graphql(`mutation CreatePayment($input: CreatePaymentInput!) { createPayment(input: $input) { id status } }`);
export const CONFIRM_PAYMENT = graphql(`mutation ConfirmPayment($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { ...PaymentFields } }`);
export const COMPLETE_ACTION = graphql(`mutation CompletePaymentAction($input: CompletePaymentActionInput!) { completePaymentAction(input: $input) { ...PaymentFields } }`);
export const PAYMENT = graphql(`query Payment($id: ID!) { payment(id: $id) { ...PaymentFields } }`);

export const MY_PAYMENTS = graphql(`
  query MyPayments($input: PaymentsInput) {
    myPayments(input: $input) {
      nodes {
        ...PaymentFields
      }
      endCursor
      hasNextPage
    }
  }
`);

export const ORGANIZATION_PAYMENTS = graphql(`
  query OrganizationPayments($input: PaymentsInput) {
    organizationPayments(input: $input) {
      nodes {
        ...PaymentFields
        buyer {
          id
          email
        }
      }
      endCursor
      hasNextPage
    }
  }
`);

export const REFUND = graphql(`mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { id status tokens amount } }`);
export const SET_PRICE = graphql(`mutation SetTokenPrice($input: SetTokenPriceInput!) { setTokenPrice(input: $input) { ...PriceFields } }`);
export const REMOVE_PRICE = graphql(`mutation RemoveTokenPrice($tokenId: ID!) { removeTokenPrice(tokenId: $tokenId) }`);
export const CANCEL_PAYMENT = graphql(`mutation CancelPayment($paymentId: ID!) { cancelPayment(paymentId: $paymentId) { ...PaymentFields } }`);
export const RECONCILE = graphql(`mutation ReconcilePayments { reconcilePayments { checked updated } }`);
