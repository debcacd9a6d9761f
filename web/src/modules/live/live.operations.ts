import { addTypenameToDocument, print } from '@apollo/client/utilities';
import { Kind, type DocumentNode } from 'graphql';
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

/** A subscription's name and text as the live client sends them: as Apollo Client would, so the trusted documents hold it. */
export function registered(document: DocumentNode): { readonly operationName: string; readonly query: string } {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return { operationName: operation?.name?.value ?? '', query: print(addTypenameToDocument(document)) };
}
