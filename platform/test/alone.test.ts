import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { composedSubgraphUrls, PRINCIPAL_HEADER, SUPERGRAPH_PATH } from '@etika/schema';
import { createLogger, keyNeedsOf, loadServiceKeys, openBus, openDatabase, openRightsStore, openStore, Rights, startSubgraph } from '@etika/kit';
import { createTestDatabase } from '@etika/kit/testing';
import { ALONE_ORGS, ALONE_PEOPLE, SEEDED_SUBGRAPHS, firstQueryOf, mintDevelopmentPrincipal, seedAlone } from '../src/alone.ts';
import { graphql } from '../src/client.ts';
import { SUBGRAPHS } from '../src/registry.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const PRINCIPAL = join(ROOT, 'platform/src/principal.ts');
const dataDir = mkdtempSync(join(tmpdir(), 'etika-principal-'));
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((done) => (c.exitCode === null ? c.once('exit', done) : done(null)))));
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start -w subgraphs/<name>` in its own process, on a free port, PGlite under the test's DATA_DIR. */
function startAlone(name: string, env: Record<string, string>): Promise<string> {
  const child = spawn(TSX, [join(ROOT, `subgraphs/${name}/src/main.ts`)], { env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /"url":"([^"]+)"/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

const principalCommand = (args: string[], env: Record<string, string>) =>
  run(TSX, [PRINCIPAL, ...args], { env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, ...env } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );

describe('npm run principal', { timeout: 120_000 }, () => {
  it('mints a token that the subgraph run alone accepts, and prints a curl that works as printed', async () => {
    const url = await startAlone('token', {});
    const refused = await graphql(url, '{ tokens { id } }');
    expect(refused.status).toBe(401);

    const printed = await principalCommand(['--subgraph', 'token', '--role', 'admin', '--org', 'acme', '--user', ALONE_PEOPLE.admin.email, '--seed'], { TOKEN_URL: new URL(url).origin });
    expect(printed.stderr).toBe('');
    expect(printed.stdout).toContain('Seeded token: token AP');
    const curl = printed.stdout.slice(printed.stdout.indexOf('curl '));
    const { stdout } = await run('bash', ['-c', curl]);
    const answer = JSON.parse(stdout) as { data?: { tokens: { name: string }[] }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.tokens.map((t) => t.name)).toContain('Alone Points');
  });

  it('refuses to mint in production, and mints nothing for longer than an hour', async () => {
    const refused = await principalCommand(['--subgraph', 'token'], { NODE_ENV: 'production' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Refused');
    expect(refused.stdout).not.toContain('curl');
    const base = { dataDir, userId: ALONE_PEOPLE.admin.id, orgId: ALONE_ORGS['acme']!.id, role: 'admin' as const };
    await expect(mintDevelopmentPrincipal({ ...base, production: true })).rejects.toThrow(/development only/);
    await expect(mintDevelopmentPrincipal({ ...base, production: false, minutes: 61 })).rejects.toThrow(/minutes/);
  });

  it('says to start the subgraph first when seeding finds nothing listening', async () => {
    const nobody = await principalCommand(['--subgraph', 'token', '--seed'], { TOKEN_URL: 'http://127.0.0.1:9' });
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toContain('npm start -w subgraphs/token');
  });

  it('names the people, organisations and subgraphs it knows when given others', async () => {
    const unknown = await principalCommand(['--subgraph', 'token', '--user', 'nobody@example.com'], {});
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain(ALONE_PEOPLE.owner.email);
    const noSubgraph = await principalCommand(['--subgraph', 'nope'], {});
    expect(noSubgraph.stderr).toContain(SUBGRAPHS.map((s) => s.name).join(', '));
  });
});

describe('every registered subgraph, run alone', { timeout: 120_000 }, () => {
  it('is seeded and answers its first query with a minted token, none of its peers running', async () => {
    const test = await createTestDatabase();
    const composed = composedSubgraphUrls(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const problems: string[] = [];
    try {
      for (const descriptor of SUBGRAPHS) {
        const rightsStore = openRightsStore(undefined);
        const rights = new Rights(rightsStore);
        await rights.ready();
        const store = openStore(undefined, descriptor.name);
        const keys = await loadServiceKeys(descriptor.name, keyNeedsOf(descriptor), { env: {}, dataDir, production: false });
        const peers = new Map(descriptor.calls.map((name) => [name, new URL(composed[name]!).origin]));
        const logger = createLogger(descriptor.name, 'silent');
        const bus = openBus(undefined, logger);
        const database = test.url ? await openDatabase({ url: test.url, maxConnections: 2 }) : test.database;
        const deps = { database, store, keys, logger, production: false, peers, bus, rights };
        const started = await startSubgraph(descriptor, deps, {}, { port: 0, host: '127.0.0.1' });
        try {
          const seeded = await seedAlone(descriptor.name, started.url, dataDir);
          if (SEEDED_SUBGRAPHS.includes(descriptor.name) && seeded.length === 0) problems.push(`${descriptor.name}: seeded nothing`);
          const { token } = await mintDevelopmentPrincipal({ dataDir, production: false, userId: ALONE_PEOPLE.owner.id, orgId: ALONE_ORGS['acme']!.id, role: 'owner' });
          const answer = await graphql(started.url, firstQueryOf(descriptor.name), {}, { [PRINCIPAL_HEADER]: token });
          if (answer.status !== 200 || answer.errors) problems.push(`${descriptor.name}: ${answer.status} ${JSON.stringify(answer.errors)}`);
        } finally {
          await started.close();
          await bus.close();
          if (test.url) await database.close();
          await store.close();
          await rightsStore.close();
        }
      }
    } finally {
      await test.close();
    }
    expect(problems).toEqual([]);
  });
});
