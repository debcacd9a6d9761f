import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphTest, type SubgraphTest } from '@etika/kit/testing';
import { org } from '@etika/org';
import { identity } from '../src/index.ts';
import { PASSWORD, signUp } from './fixtures.ts';

/** Throttles slow attackers and spare owners: each client address below is its own caller. */
let p: SubgraphTest;
beforeAll(async () => {
  p = await startSubgraphTest(identity, { peers: [org] });
});
afterAll(() => p?.close());

const SIGN_IN = 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken } } }';
const SIGN_UP = 'mutation($input: CredentialsInput!) { signUp(input: $input) { userId } }';
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

describe('wrong passwords', () => {
  it('slow whoever guesses, and never lock the owner out from elsewhere', async () => {
    const email = `guessed.${Date.now()}@test.etika.dev`;
    await signUp(p, email);
    const attacker = { clientAddress: '203.0.113.7' };
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++) codes.push(code(await p.execute(SIGN_IN, { input: { email, password: 'wrong password!' } }, undefined, attacker)));
    // five free failures, then the guesser waits: every immediate retry is refused
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(codes.slice(6)).toEqual(Array(4).fill('TOO_MANY_REQUESTS'));
    // even the right password from the guesser's address waits
    expect(code(await p.execute(SIGN_IN, { input: { email, password: PASSWORD } }, undefined, attacker))).toBe('TOO_MANY_REQUESTS');
    // the owner, from their own address, signs in at once
    expect((await p.execute(SIGN_IN, { input: { email, password: PASSWORD } }, undefined, { clientAddress: '198.51.100.20' })).errors).toBeUndefined();
  });

  it('make each further attempt wait twice as long, and say how long', async () => {
    const email = `slower.${Date.now()}@test.etika.dev`;
    await signUp(p, email);
    const from = { clientAddress: '203.0.113.8' };
    const wrong = () => p.execute(SIGN_IN, { input: { email, password: 'wrong password!' } }, undefined, from);
    for (let i = 0; i < 5; i++) await wrong();
    expect((await wrong()).errors?.[0]?.extensions?.['retryAfterSeconds']).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(code(await wrong())).toBe('INVALID_CREDENTIALS');
    expect((await wrong()).errors?.[0]?.extensions?.['retryAfterSeconds']).toBe(2);
  });

  it('are forgotten once the right password gets through', async () => {
    const email = `forgetful.${Date.now()}@test.etika.dev`;
    await signUp(p, email);
    const from = { clientAddress: '203.0.113.10' };
    for (let i = 0; i < 4; i++) await p.execute(SIGN_IN, { input: { email, password: 'wrong password!' } }, undefined, from);
    expect((await p.execute(SIGN_IN, { input: { email, password: PASSWORD } }, undefined, from)).errors).toBeUndefined();
    for (let i = 0; i < 5; i++) expect(code(await p.execute(SIGN_IN, { input: { email, password: 'wrong password!' } }, undefined, from))).toBe('INVALID_CREDENTIALS');
  });
});

describe('sign-ups', () => {
  it('are limited per address, so argon2 hashing cannot be used to exhaust the machine', async () => {
    const from = { clientAddress: '203.0.113.9' };
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 24; i++) codes.push(code(await p.execute(SIGN_UP, { input: { email: `burst${i}.${Date.now()}@test.etika.dev`, password: PASSWORD } }, undefined, from)));
    expect(codes.slice(0, 20)).toEqual(Array(20).fill(undefined));
    expect(codes.slice(20)).toEqual(Array(4).fill('TOO_MANY_REQUESTS'));
    // another address is not held up
    expect((await p.execute(SIGN_UP, { input: { email: `elsewhere.${Date.now()}@test.etika.dev`, password: PASSWORD } })).errors).toBeUndefined();
  });
});
