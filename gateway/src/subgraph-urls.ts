import { composedSubgraphUrls } from '@etika/schema';

/**
 * Every subgraph the supergraph composes, at the URL composed into it unless `overrides` (the `<NAME>_URL` base
 * URLs, by subgraph name) moves it.
 */
export function subgraphUrlsOf(supergraphSdl: string, overrides: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(composedSubgraphUrls(supergraphSdl)).map(([name, url]) => {
      const base = overrides[name];
      return [name, base ? new URL('/graphql', base).toString() : url];
    }),
  );
}
