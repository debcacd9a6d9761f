import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@etika/kit/testing';
import { bearer, dataOrThrow, graphql } from '../src/client.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/seed.ts';
import { insertAfterLast, nextPort, subgraphNameProblem } from '../src/new-subgraph.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the scaffold rules', () => {
  it('takes one lowercase word that names no package and no subgraph yet', () => {
    expect(subgraphNameProblem('loyalty', ['token'])).toBeNull();
    for (const bad of ['Loyalty', 'loy-alty', 'l', '1abc', 'kit', 'web', 'token']) expect(subgraphNameProblem(bad, ['token'])).not.toBeNull();
  });

  it('picks the next free port above the gateway', () => {
    expect(nextPort([4001, 4002, 4007])).toBe(4008);
    expect(nextPort([])).toBe(4001);
  });

  it('refuses a file that is not shaped as expected instead of writing a broken one', () => {
    expect(() => insertAfterLast('a\nb', /^c$/, 'x', 'f')).toThrow('f: found no line');
    expect(insertAfterLast('a\nb\na', /^a$/, 'x', 'f')).toBe('a\nb\na\nx');
  });
});

/**
 * A copy of the repository (its files, and node_modules linked to this one's packages, with the workspace links
 * pointing into the copy), in which a newcomer's one command makes a subgraph that composes, passes its tests and
 * the deployment checks, and starts with `npm start`.
 */
describe('npm run new:subgraph', { timeout: 240_000 }, () => {
  const copy = mkdtempSync(join(tmpdir(), 'etika-scaffold-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  let platform: ChildProcess | null = null;
  // the copy's processes get a plain environment: no test runner's variables, no servers unless given one
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !['DATABASE_URL', 'REDIS_URL', 'NODE_ENV'].includes(k)),
  );
  env['NO_COLOR'] = '1';

  beforeAll(async () => {
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT }).toString().split('\0').filter(Boolean);
    for (const file of files) {
      if (!existsSync(join(ROOT, file))) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(ROOT, file), join(copy, file), { verbatimSymlinks: true });
    }
    mkdirSync(join(copy, 'node_modules/@etika'), { recursive: true });
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      if (entry !== '@etika') symlinkSync(join(ROOT, 'node_modules', entry), join(copy, 'node_modules', entry));
    }
    for (const entry of readdirSync(join(ROOT, 'node_modules/@etika'))) {
      symlinkSync(readlinkSync(join(ROOT, 'node_modules/@etika', entry)), join(copy, 'node_modules/@etika', entry));
    }
    // a workspace's own node_modules (a version of a package that differs from the root's) is linked too
    const workspaces = ['schema', 'gateway', 'platform', 'web', 'sdk', ...readdirSync(join(ROOT, 'subgraphs')).map((s) => `subgraphs/${s}`)];
    for (const workspace of workspaces) {
      const own = join(ROOT, workspace, 'node_modules');
      if (existsSync(own) && existsSync(join(copy, workspace))) symlinkSync(own, join(copy, workspace, 'node_modules'));
    }
    // on a real server the platform of the copy gets a fresh database of its own
    if (process.env['DATABASE_URL']) {
      database = await createTestDatabase();
      await database.database.close();
    }
  });

  afterAll(async () => {
    if (platform && platform.exitCode === null) {
      // npm runs the platform in a child of its own: stop the whole process group
      const exited = new Promise((done) => platform!.once('exit', done));
      process.kill(-platform.pid!, 'SIGTERM');
      await exited;
    }
    await database?.close().catch(() => undefined);
    rmSync(copy, { recursive: true, force: true });
  });

  const inCopy = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: copy, env, stdio: 'pipe' }).toString();

  it('creates, registers and composes the subgraph', () => {
    inCopy('npm', ['run', 'new:subgraph', '--', 'loyalty', '--no-install']);
    const supergraph = readFileSync(join(copy, 'schema/supergraph.graphql'), 'utf8');
    expect(supergraph).toContain('LOYALTY @join__graph(name: "loyalty", url: "http://127.0.0.1:4008/graphql")');
    expect(supergraph).toContain('loyaltyItems: [LoyaltyItem!]!');
    expect(readFileSync(join(copy, 'platform/src/registry.ts'), 'utf8')).toContain("import { loyalty } from '@etika/loyalty';");
    expect(readdirSync(join(copy, 'subgraphs/loyalty/drizzle')).some((f) => f.endsWith('_init.sql'))).toBe(true);
    inCopy('npm', ['run', 'schema:check']);
    expect(() => inCopy('npm', ['run', 'new:subgraph', '--', 'loyalty', '--no-install'])).toThrow();
  });

  it("passes its own tests and the platform's deployment checks", () => {
    const out = inCopy(join(copy, 'node_modules/.bin/vitest'), ['run', '--configLoader', 'runner', '--project', 'loyalty', '--project', 'platform', 'subgraphs/loyalty', 'platform/test/deployment.test.ts']);
    expect(out).toMatch(/Tests\s+8 passed/);
  });

  it('starts with npm start and answers through the gateway in the demo organisation', async () => {
    const web = join(copy, 'web-dist');
    mkdirSync(web);
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Etika</title>');
    platform = spawn('npm', ['start'], {
      cwd: copy,
      env: { ...env, PORT: '0', DATA_DIR: join(copy, '.data'), WEB_DIST: web, LOG_LEVEL: 'warn', ...(database?.url ? { DATABASE_URL: database.url } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const gatewayUrl = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /Etika is running: (\S+)/.exec(output);
        if (found) resolve(found[1]!);
      };
      platform!.stdout!.on('data', onData);
      platform!.stderr!.on('data', onData);
      platform!.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
    });
    expect(output).toMatch(/loyalty\s+http:\/\/127\.0\.0\.1:4008\/graphql/);

    const signIn = dataOrThrow(await graphql<{ signIn: { session: { accessToken: string } } }>(gatewayUrl, 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken } } }', { input: { email: DEMO_USERS.owner, password: DEMO_PASSWORD } }));
    const orgs = dataOrThrow(await graphql<{ myOrganizations: { id: string }[] }>(gatewayUrl, '{ myOrganizations { id } }', {}, bearer(signIn.signIn.session.accessToken)));
    const switched = dataOrThrow(await graphql<{ switchOrganization: { accessToken: string } }>(gatewayUrl, 'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: orgs.myOrganizations[0]!.id }, bearer(signIn.signIn.session.accessToken)));
    const owner = bearer(switched.switchOrganization.accessToken);
    dataOrThrow(await graphql(gatewayUrl, 'mutation { createLoyaltyItem(title: "Welcome gift") { id } }', {}, owner));
    const listed = dataOrThrow(await graphql<{ loyaltyItems: { title: string }[] }>(gatewayUrl, '{ loyaltyItems { title } }', {}, owner));
    expect(listed.loyaltyItems.map((i) => i.title)).toEqual(['Welcome gift']);
  });
});
