import { ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { appError, createHttpService, errorReporting, formatError, type Logger } from '../src/index.ts';

interface Ctx extends BaseContext {
  readonly requestId: string;
}

const typeDefs = 'type Query { sql: String  internal: String  refused: String  relayed: String }';
const resolvers = {
  Query: {
    sql: () => {
      throw Object.assign(new Error('value "\\0" violates insert into token.transactions (memo)'), { code: '22021' });
    },
    internal: () => {
      throw new GraphQLError('connect ECONNREFUSED http://10.0.0.7:4007/graphql', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    },
    refused: () => {
      throw appError('BAD_USER_INPUT', 'The memo is too long', { field: 'memo', serviceName: 'token', response: { url: 'http://10.0.0.7:4003/graphql' } });
    },
    relayed: () => {
      throw new GraphQLError('401: Unauthorized', { extensions: { code: 'UNAUTHENTICATED', response: { url: 'http://10.0.0.7:4001/graphql', body: 'secret' } } });
    },
  },
};

function captureLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) }) as unknown as Logger;
  return { logger, lines };
}

async function run(production: boolean, field: string) {
  const { logger, lines } = captureLogger();
  const apollo = new ApolloServer<Ctx>({ typeDefs, resolvers, formatError: formatError(production), includeStacktraceInErrorResponses: !production, plugins: [errorReporting<Ctx>(logger)] });
  await apollo.start();
  const response = await apollo.executeOperation({ query: `{ ${field} }` }, { contextValue: { requestId: 'req-123' } });
  await apollo.stop();
  const body = response.body.kind === 'single' ? response.body.singleResult : null;
  return { errors: body?.errors ?? [], lines };
}

describe('errors in production', () => {
  it.each(['sql', 'internal'])('an unexpected error (%s) is "Internal error" with the request id, and logged in full', async (field) => {
    const { errors, lines } = await run(true, field);
    expect(errors).toEqual([{ message: 'Internal error', path: [field], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-123' } }]);
    const logged = lines.find((l) => l['requestId'] === 'req-123' && l['err']);
    expect(JSON.stringify(logged)).toMatch(field === 'sql' ? /violates insert into token\.transactions/ : /ECONNREFUSED/);
  });

  it('an expected error keeps its code, message and field, and nothing of where it came from', async () => {
    const { errors, lines } = await run(true, 'refused');
    expect(errors).toEqual([{ message: 'The memo is too long', locations: [{ line: 1, column: 3 }], path: ['refused'], extensions: { code: 'BAD_USER_INPUT', field: 'memo' } }]);
    expect(lines.filter((l) => l['err'])).toEqual([]);
  });

  it('a relayed refusal keeps its code but not the upstream response', async () => {
    const { errors } = await run(true, 'relayed');
    expect(errors[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(JSON.stringify(errors)).not.toMatch(/10\.0\.0\.7|secret/);
  });
});

describe('errors in development', () => {
  it('an unexpected error keeps its message and stack for the developer, with the request id', async () => {
    const { errors } = await run(false, 'sql');
    expect(errors[0]?.message).toMatch(/violates insert/);
    expect(errors[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-123' });
    expect(errors[0]?.extensions?.['stacktrace']).toBeDefined();
  });
});

describe('a request that fails outside GraphQL', () => {
  it('answers 500 "Internal error" with the request id, and the log has the error', async () => {
    const { logger, lines } = captureLogger();
    const service = createHttpService(async (_req, res) => {
      res.setHeader('x-request-id', 'req-9');
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432');
    }, logger, async () => undefined);
    const url = await service.listen(0);
    const r = await fetch(url);
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-9' } }] });
    expect(lines.find((l) => l['requestId'] === 'req-9' && JSON.stringify(l['err']).includes('10.0.0.7'))).toBeDefined();
    await service.close();
  });
});
