import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { authFetch } from './auth-fetch.ts';

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', fetch: authFetch, headers: { accept: 'application/graphql-response+json' } }),
    cache: new InMemoryCache(),
  });
}
