import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, sql } from '@etika/kit';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 binaries; the tests that stop their own server are skipped without them. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const hasPostgres = existsSync(join(PG_BIN, 'initdb'));
export const hasRedis = existsSync('/usr/bin/redis-server');

/** initdb and the server refuse to run as root: as root (CI), they run as the `postgres` account. */
async function asPostgres(command: string, args: string[]): Promise<void> {
  const line = [join(PG_BIN, command), ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  if (process.getuid?.() === 0) await run('su', ['postgres', '-c', line], { timeout: 60_000 });
  else await run('sh', ['-c', line], { timeout: 60_000 });
}

export interface OwnPostgres {
  /** The application's URL: an ordinary role (no superuser), as in production and CI. */
  readonly url: string;
  /** A superuser's URL, to read every tenant's rows when checking the ledger's invariants. */
  readonly adminUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A throwaway PostgreSQL cluster in a temporary directory on its own port, which the test may stop and start. */
export async function startOwnPostgres(port: number): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'etika-resilience-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, (await uidOf('postgres')), -1);
  const data = join(dir, 'data');
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres']);
  const start = () => asPostgres('pg_ctl', ['-D', data, '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  // should the test's process die first, its cluster does not outlive it and hold the port
  const orphan = () => {
    const args = [join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
    try {
      if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-c', args.join(' ')], { stdio: 'ignore' });
      else execFileSync(args[0]!, args.slice(1), { stdio: 'ignore' });
    } catch {
      // already stopped
    }
  };
  process.once('exit', orphan);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = await openDatabase({ url: adminUrl, maxConnections: 1 });
  await admin.db.execute(sql.raw(`CREATE ROLE etika LOGIN PASSWORD 'etika' CREATEDB CREATEROLE`));
  await admin.close();
  return {
    url: `postgres://etika:etika@127.0.0.1:${port}/postgres`,
    adminUrl,
    stop,
    start,
    close: async () => {
      process.removeListener('exit', orphan);
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function uidOf(user: string): Promise<number> {
  return Number((await run('id', ['-u', user])).stdout.trim());
}

export interface OwnRedis {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A redis-server of the test's own that the test may kill and start again on the same port. It keeps an
 * append-only file synced on every write, as the platform's Redis must (docs of the kit's bus): a stream entry
 * published but not yet consumed survives the crash.
 */
export async function startOwnRedis(port: number): Promise<OwnRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'etika-resilience-redis-'));
  let child: ChildProcess | null = null;
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
    child = spawn('redis-server', args, { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    for (;;) {
      const up = await run('redis-cli', ['-p', String(port), 'ping'], { timeout: 2_000 }).then((r) => r.stdout.includes('PONG'), () => false);
      if (up) return;
      if (Date.now() > until) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  const orphan = () => child?.kill('SIGKILL');
  process.once('exit', orphan);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    close: async () => {
      process.removeListener('exit', orphan);
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
