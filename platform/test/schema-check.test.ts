import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../src/compose.ts';
import { clientDocuments } from '../src/schema-base.ts';
import { checkBreakingChanges, parseAcknowledgements, persistedDocuments, type Acknowledgement, type ClientDocument } from '../src/schema-check.ts';

/** The committed schemas as the base, and the same with one subgraph's SDL edited as the change. */
const CORE = ['identity', 'org', 'token', 'chain'];
const read = (path: string) => readFileSync(new URL(`../../schema/${path}`, import.meta.url), 'utf8');
const baseSdl = Object.fromEntries(CORE.map((name) => [name, read(`subgraphs/${name}.graphql`)]));

function printed(sdl: Record<string, string>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of CORE) files[`subgraphs/${name}.graphql`] = sdl[name]!;
  files['supergraph.graphql'] = composeSupergraph(CORE.map((name, i) => ({ name, url: `http://127.0.0.1:${4001 + i}/graphql`, sdl: sdl[name]! })));
  return files;
}
const base = printed(baseSdl);

function edited(name: string, from: RegExp, to: string): Record<string, string> {
  const sdl = baseSdl[name]!.replace(from, to);
  expect(sdl).not.toBe(baseSdl[name]);
  return printed({ ...baseSdl, [name]: sdl });
}

const check = (after: Record<string, string>, acks: Record<string, Acknowledgement[]> = {}, documents: ClientDocument[] = clientDocuments()) =>
  checkBreakingChanges({ printed: after, atBase: (p) => base[p] ?? null, acknowledgements: (s) => acks[s] ?? [], documents });

// `Token.symbol`, as the token subgraph defines it: removing it breaks every client that reads it
const withoutSymbol = () => edited('token', /(\n\s+"""(?:(?!""")[\s\S])*"""\s*)?\n\s+symbol: String!/, '');

describe('the breaking-change check', () => {
  it('passes when nothing changed', async () => {
    const report = await check(base);
    expect(report.refused).toEqual([]);
  });

  it('refuses a breaking change of a subgraph and of the supergraph, and names the web documents that use it', async () => {
    const report = await check(withoutSymbol());
    expect(report.refused).toContain('token: FIELD_REMOVED Token.symbol');
    expect(report.refused).toContain('supergraph: FIELD_REMOVED Token.symbol');
    const usedBy = report.lines[report.lines.findIndex((l) => l.includes('BREAKING FIELD_REMOVED Token.symbol')) + 1]!;
    expect(usedBy).toMatch(/used by .*\(web\/src\/[^)]+\.tsx?\)/);
  });

  it('accepts a breaking change the subgraph acknowledged with its reason, and says so', async () => {
    const acks = { token: [{ type: 'FIELD_REMOVED', path: 'Token.symbol', reason: 'symbols move to Token.ticker; every client moved' }] };
    const report = await check(withoutSymbol(), acks);
    expect(report.refused).toEqual([]);
    expect(report.lines.join('\n')).toContain('BREAKING, acknowledged FIELD_REMOVED Token.symbol');
    expect(report.lines.join('\n')).toContain('every client moved');
  });

  it('counts more access asked of an existing field as breaking, and none asked of a new one', async () => {
    const guarded = await check(edited('token', /(\n\s+)symbol: String!/, '$1symbol: String! @requiresScopes(scopes: [["ledger:read"]])'));
    expect(guarded.refused).toContain('token: DIRECTIVE_USAGE_FIELD_DEFINITION_ADDED Token.symbol.@requiresScopes');
    const added = await check(edited('token', /(\n\s+)symbol: String!/, '$1symbol: String!$1ticker: String @requiresScopes(scopes: [["ledger:read"]])'));
    expect(added.refused).toEqual([]);
    expect(added.lines.join('\n')).not.toContain('Token.ticker.@requiresScopes');
  });

  it('takes no acknowledgement without a reason', () => {
    expect(() => parseAcknowledgements('{"acknowledged":[{"type":"FIELD_REMOVED","path":"Token.symbol","reason":""}]}', 'subgraphs/token/schema-changes.json')).toThrow(/reason/);
  });

  it('lists a dangerous change without failing, with the documents that use the type', async () => {
    const report = await check(edited('org', /enum MemberRole \{\n/, 'enum MemberRole {\n  GUEST\n'));
    expect(report.refused).toEqual([]);
    const line = report.lines.findIndex((l) => l.includes('DANGEROUS ENUM_VALUE_ADDED MemberRole.GUEST'));
    expect(line).toBeGreaterThan(-1);
    expect(report.lines[line + 1]).toMatch(/used by /);
  });

  it('names the persisted documents that use what would break', async () => {
    const manifest = JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        { id: 'a1', name: 'PartnerTokens', type: 'query', body: 'query PartnerTokens { tokens { id symbol } }' },
        { id: 'b2', name: 'PartnerNames', type: 'query', body: 'query PartnerNames { tokens { id name } }' },
      ],
    });
    const report = await check(withoutSymbol(), {}, persistedDocuments(manifest, 'persisted.json'));
    const text = report.lines.join('\n');
    expect(text).toContain('PartnerTokens (persisted.json)');
    expect(text).not.toContain('PartnerNames');
  });
});
