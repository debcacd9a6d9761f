/** The subgraphs of the platform, their default local addresses and the order the platform starts them in. */
export const SUBGRAPHS = [
  { name: 'identity', defaultUrl: 'http://127.0.0.1:4001/graphql' },
  { name: 'org', defaultUrl: 'http://127.0.0.1:4002/graphql' },
  { name: 'token', defaultUrl: 'http://127.0.0.1:4003/graphql' },
  { name: 'chain', defaultUrl: 'http://127.0.0.1:4007/graphql' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];
