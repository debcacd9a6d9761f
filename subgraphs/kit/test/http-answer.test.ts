import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpService, createLogger, executeHttp, toGraphQLRequest, type HttpService } from '../src/index.ts';

const NAMES = ['Zoë', 'Łódź', '東京', 'emoji 🚀', 'plain'];

describe('an answer written by executeHttp', () => {
  let apollo: ApolloServer;
  let service: HttpService;
  let url: string;

  beforeAll(async () => {
    apollo = new ApolloServer({ typeDefs: 'type Query { names(times: Int!): [String!]! }', resolvers: { Query: { names: (_: unknown, { times }: { times: number }) => Array.from({ length: times }, (_x, i) => NAMES[i % NAMES.length]!) } } });
    await apollo.start();
    service = createHttpService(
      async (req, res) => executeHttp(apollo, await toGraphQLRequest(req, new URL(req.url ?? '/', 'http://kit')), res, async () => ({})),
      createLogger('answer-test', 'silent'),
      () => apollo.stop(),
    );
    url = await service.listen(0);
  });
  afterAll(() => service.close());

  it.each([1, 20_000])('says its length in bytes, whatever the characters, and arrives whole (%i names)', async (times) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ names(times: ${times}) }` }) });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const { data } = JSON.parse(bytes.toString('utf8')) as { data: { names: string[] } };
    expect(data.names).toHaveLength(times);
    expect(data.names.slice(0, NAMES.length)).toEqual(NAMES.slice(0, times));
  });
});
