import { fileURLToPath } from 'node:url';

/** The composed supergraph, committed beside the subgraphs' printed SDL. */
export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

/** Each subgraph's GraphQL URL as composed into a supergraph (its `join__Graph` value), by subgraph name. */
export function composedSubgraphUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const m of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) urls[m[1]!] = m[2]!;
  return urls;
}
