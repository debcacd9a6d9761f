import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH, composedSubgraphUrls } from '@etika/schema';
import { serviceUrlsFromEnv } from '@etika/kit';
import { subgraphUrlsOf } from './subgraph-urls.ts';

const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');

describe('where the gateway sends each subgraph', () => {
  it('uses the composed URLs, and <NAME>_URL for any subgraph the supergraph names', () => {
    const names = Object.keys(composedSubgraphUrls(supergraph));
    expect(names.length).toBeGreaterThan(1);
    const env = Object.fromEntries(names.map((n, i) => [`${n.toUpperCase()}_URL`, `http://${n}.internal:${9000 + i}`]));
    const urls = subgraphUrlsOf(supergraph, serviceUrlsFromEnv(names, env));
    expect(urls).toEqual(Object.fromEntries(names.map((n, i) => [n, `http://${n}.internal:${9000 + i}/graphql`])));
  });

  it('keeps the composed URL of a subgraph nothing overrides', () => {
    const composed = composedSubgraphUrls(supergraph);
    const [first, second] = Object.keys(composed);
    const urls = subgraphUrlsOf(supergraph, { [first!]: 'http://moved:1234' });
    expect(urls[first!]).toBe('http://moved:1234/graphql');
    expect(urls[second!]).toBe(composed[second!]);
  });
});
