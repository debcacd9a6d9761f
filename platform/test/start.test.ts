import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importPrivateKey, signPrincipalToken, type SigningKeyPair } from '@etika/kit';
import { createTestDatabase } from '@etika/kit/testing';
import { PRINCIPAL_HEADER } from '@etika/schema';
import { chain } from '@etika/chain';
import { graphql } from '../src/client.ts';

/** A subgraph started alone, the way `npm start -w subgraphs/<name>` starts it: its own process, its own keys. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = fileURLToPath(new URL('../../subgraphs/chain/src/main.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'etika-alone-'));
const children: ChildProcess[] = [];
const database = await createTestDatabase();
// PGlite under DATA_DIR when no server is configured; a fresh database of the server otherwise
const databaseEnv = database.url ? { DATABASE_URL: database.url } : {};
await database.database.close();

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((done) => (c.exitCode === null ? c.once('exit', done) : done(null)))));
  await database.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; url: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(TSX, [MAIN], { env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...databaseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /"url":"([^"]+)"/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  // a start expected to fail is awaited through `exit` only
  url.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => output, url, exit };
}

describe('a subgraph started alone', { timeout: 90_000 }, () => {
  it('listens with development keys of its own, and answers only principal tokens the gateway would sign', async () => {
    const url = await start({}).url;
    expect(existsSync(join(dataDir, 'keys/chain.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'keys/gateway.json'))).toBe(true);
    // no file holds every service's private key
    expect(existsSync(join(dataDir, 'keys.json'))).toBe(false);

    const refused = await graphql(url, '{ chainPublicKey }');
    expect(refused.status).toBe(401);

    const read = (name: string) => JSON.parse(readFileSync(join(dataDir, `keys/${name}.json`), 'utf8')) as SigningKeyPair;
    const principal = await signPrincipalToken(await importPrivateKey(read('gateway').privateJwk), { kind: 'anonymous' });
    const answered = await graphql<{ chainPublicKey: string }>(url, '{ chainPublicKey }', {}, { [PRINCIPAL_HEADER]: principal });
    expect(answered.errors).toBeUndefined();
    // the checkpoints are signed with the chain's own key: <name>+<key id>+base64(0x01 ‖ Ed25519 key)
    const signedWith = Buffer.from(answered.data!.chainPublicKey.split('+').slice(2).join('+'), 'base64').subarray(1);
    expect(signedWith.equals(Buffer.from(read('chain').publicJwk.x!, 'base64url'))).toBe(true);
  });

  it(`refuses to start in production without its own private key, and says which`, async () => {
    const started = start({ NODE_ENV: 'production' });
    expect(await started.exit).not.toBe(0);
    expect(started.output()).toContain(`CHAIN_PRIVATE_KEY`);
    expect(started.output()).toContain(`GATEWAY_PUBLIC_KEY`);
  });

  it('takes its own settings from the environment by the names its descriptor gives them', async () => {
    const started = start({ CHECKPOINT_INTERVAL_MS: '5' });
    expect(await started.exit).not.toBe(0);
    expect(started.output()).toContain('CHECKPOINT_INTERVAL_MS');
    expect(Object.keys(chain.settings.shape)).toContain('CHECKPOINT_INTERVAL_MS');
  });
});
