import { buildSchema, graphql, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { describe, expect, it } from 'vitest';
import { textArgumentsMiddleware, textOrThrow } from '../src/index.ts';

const BIDI_OVERRIDE = '\u202E';
const ZERO_WIDTH = '\u200B';

describe('textOrThrow', () => {
  it('accepts ordinary text in any script, with tabs and new lines', () => {
    for (const text of ['Café crème', 'نقاط الولاء', 'ポイント', 'line one\nline two\ttabbed', '🎉 bonus', '♥\uFE0F thanks', '한국어 포인트', 'क्षत्रिय']) {
      expect(textOrThrow(text, 'memo')).toBe(text);
    }
  });

  it.each([['NUL', 'a\u0000b'], ['bell', 'a\u0007'], ['DEL', 'a\u007F'], ['C1', 'a\u0085']])('refuses a control character (%s), naming the field', (_name, text) => {
    expect(() => textOrThrow(text, 'input.memo')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.memo' } }));
  });

  it.each([['right-to-left override', `evil${BIDI_OVERRIDE}gpj.exe`], ['isolate', 'a\u2067b'], ['zero-width space', `PT${ZERO_WIDTH}S`], ['zero-width joiner', 'a\u200Db'], ['byte-order mark', '\uFEFFname'], ['word joiner', 'a\u2060b'], ['soft hyphen', 'ad\u00ADmin'], ['Hangul filler', '\u3164'], ['line separator', 'a\u2028b'], ['tag characters', `ok${String.fromCodePoint(0xe0069, 0xe0067)}`]])(
    'refuses %s in text other people see',
    (_name, text) => {
      expect(() => textOrThrow(text, 'name')).toThrow(expect.objectContaining({ message: expect.stringMatching(/name/), extensions: { code: 'BAD_USER_INPUT', field: 'name' } }));
    },
  );

  it('lets secrets hold invisible characters, but never control characters', () => {
    expect(textOrThrow(`pass${ZERO_WIDTH}word`, 'password', { secret: true })).toBe(`pass${ZERO_WIDTH}word`);
    expect(() => textOrThrow('pass\u0000word', 'password', { secret: true })).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } }));
  });
});

describe('every String argument of a subgraph', () => {
  const schema: GraphQLSchema = applyMiddleware(
    buildSchema(`
      input Leg { memo: String  ids: [ID!] }
      input Credentials { email: String!  password: String! }
      input Outer { legs: [Leg!]!  note: String }
      type Query { echo(text: String, outer: Outer, count: Int): String  signIn(input: Credentials!): String }
    `),
    textArgumentsMiddleware(['Credentials.password']),
  );
  const rootValue = { echo: () => 'ok', signIn: () => 'ok' };
  const run = (source: string, variableValues: Record<string, unknown>) => graphql({ schema, source, rootValue, variableValues });

  it('passes clean arguments to the resolver', async () => {
    const r = await run('query($o: Outer) { echo(text: "hello", outer: $o, count: 3) }', { o: { legs: [{ memo: 'thanks', ids: ['a'] }], note: 'n' } });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ echo: 'ok' });
  });

  it.each([
    ['a top-level argument', { t: 'a\u0000b' }, 'text'],
    ['a nested input field in a list', { o: { legs: [{ memo: 'fine' }, { memo: `x${BIDI_OVERRIDE}` }] } }, 'outer.legs.1.memo'],
    ['an ID in a list', { o: { legs: [{ ids: ['ok', 'a\u0000'] }] } }, 'outer.legs.0.ids.1'],
  ])('refuses bad text in %s, naming where it is', async (_name, variables, field) => {
    const r = await run('query($t: String, $o: Outer) { echo(text: $t, outer: $o) }', variables);
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('a secret input field may hold invisible characters but not a NUL byte', async () => {
    const q = 'query($i: Credentials!) { signIn(input: $i) }';
    expect((await run(q, { i: { email: 'a@b.dev', password: `p${ZERO_WIDTH}w` } })).errors).toBeUndefined();
    expect((await run(q, { i: { email: 'a@b.dev', password: 'p\u0000w' } })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.password' });
    expect((await run(q, { i: { email: `a${ZERO_WIDTH}@b.dev`, password: 'pw' } })).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });
});
