import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { FindMyTransactionQuery, FindMyTransactionQueryVariables } from '../../gql/graphql.ts';
import { FIND_IN_LEDGER, FIND_MINE } from './transaction.operations.ts';

export type FoundTransaction = FindMyTransactionQuery['myTransactions']['nodes'][number];
export type FindState =
  | { readonly status: 'loading' }
  | { readonly status: 'missing' }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'found'; readonly transaction: FoundTransaction; readonly reversedBy: string | null };

const PAGE = 50;
const MAX_PAGES = 40;

/**
 * One transaction by id. The API lists transactions newest first but has no field for a single one, so this pages
 * through the organisation's ledger (for those who may read it) or the person's own history until it appears,
 * noting on the way a later transaction that reverses it.
 */
export function useFindTransaction(id: string, ledger: boolean, withProof: boolean, attempt: number): FindState {
  const client = useApolloClient();
  const [state, setState] = useState<FindState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void (async () => {
      let after: string | null = null;
      let reversedBy: string | null = null;
      for (let i = 0; i < MAX_PAGES; i++) {
        const variables: FindMyTransactionQueryVariables = { input: { first: PAGE, after }, withProof };
        const page: FindMyTransactionQuery['myTransactions'] | undefined = ledger
          ? (await client.query({ query: FIND_IN_LEDGER, variables, fetchPolicy: 'network-only' })).data?.organizationTransactions
          : (await client.query({ query: FIND_MINE, variables, fetchPolicy: 'network-only' })).data?.myTransactions;
        if (!page) break;
        reversedBy = page.nodes.find((n) => n.reversesId === id)?.id ?? reversedBy;
        const transaction = page.nodes.find((n) => n.id === id);
        if (transaction) {
          if (live) setState({ status: 'found', transaction, reversedBy });
          return;
        }
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      if (live) setState({ status: 'missing' });
    })().catch((error: unknown) => {
      if (live) setState({ status: 'failed', error });
    });
    return () => {
      live = false;
    };
  }, [client, id, ledger, withProof, attempt]);
  return state;
}
