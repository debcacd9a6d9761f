import { graphql } from '../../gql/index.ts';

/** Each new notification of the person's, as the gateway streams it (`/graphql/stream`). */
export const NOTIFICATION_ADDED = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      readAt
    }
  }
`);

/** The person's wallet after each transaction that moved one of their accounts, with the fields the wallet page shows. */
export const WALLET_CHANGED = graphql(`
  subscription WalletChanged {
    walletChanged {
      transactionId
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
