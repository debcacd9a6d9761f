import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiReference, partnerSurface, undescribed } from '../src/api-reference.ts';

const supergraph = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const surface = partnerSurface(parse(supergraph));
const reference = apiReference(supergraph);

describe('the partner API reference', () => {
  it('is docs/api.md as committed', () => {
    expect(readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8')).toBe(reference);
  });

  it("lists what a partner's key can call, with its scopes, and nothing only people can", () => {
    const operations = [...surface.operations, ...surface.mutations].map((f) => f.name.value);
    expect(operations).toEqual(expect.arrayContaining(['tokens', 'organizationTransactions', 'organization', 'defineToken', 'issueTokens', 'submitBatch', 'latestCheckpoint']));
    for (const personal of ['signIn', 'me', 'myTransactions', 'transferTokens', 'createApiKey', 'reverseTransaction', 'inviteMember']) expect(operations).not.toContain(personal);
    expect(reference).toContain('### `issueTokens`');
    expect(reference).toContain('Scopes: `token:issue`.');
    expect(reference).not.toContain('`wallet');
  });

  it('describes every type and field partners use that identity, org, token and chain own', () => {
    expect(undescribed(surface, ['identity', 'org', 'token', 'chain'])).toEqual([]);
  });

  it('finds what is undescribed', () => {
    const bare = supergraph.replace('"""Mints tokens to a member."""', '');
    expect(undescribed(partnerSurface(parse(bare)), ['token'])).toContain('issueTokens');
  });
});
