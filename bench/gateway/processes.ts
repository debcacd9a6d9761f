import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { freePort } from '@etika/platform';

const running = new Set<ChildProcess>();
// a failed run leaves no process behind
process.on('exit', () => {
  for (const child of running) child.kill();
});

export interface Child {
  readonly process: ChildProcess;
  /** Resident memory now and at its peak, in MiB, from the kernel: the process and its children (a cluster's workers). */
  memory(): { rssMiB: number; peakMiB: number };
  stop(): Promise<void>;
}

/** Runs one of this folder's entry files in its own Node process (NODE_ENV=production) and waits for it to print `ready`. */
export async function startChild(entry: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<Child> {
  const file = fileURLToPath(new URL(entry, import.meta.url));
  // as deployed: graphql-js and the servers skip their development-only checks in production
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  running.add(child);
  child.once('exit', () => running.delete(child));
  await new Promise<void>((ready, failed) => {
    child.once('exit', (code) => failed(new Error(`${entry} ${args[0] ?? ''} exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) ready();
    });
  });
  child.removeAllListeners('exit');
  return {
    process: child,
    memory: () => {
      let rss = 0;
      let peak = 0;
      for (const pid of processTree(child.pid!)) {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
        rss += kib('VmRSS');
        peak += kib('VmHWM');
      }
      return { rssMiB: rss / 1024, peakMiB: peak / 1024 };
    },
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        // SIGINT lets Node write a CPU profile when it was asked for one
        child.kill('SIGINT');
      }),
  };
}

/** A process and all its descendants, from the kernel's list of each one's children. */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // a process that has just exited has no children left to count
  }
  return [pid, ...children.flatMap(processTree)];
}

/** Runs the load generator in its own process. */
export async function loadInChild<T>(options: object): Promise<T> {
  const file = fileURLToPath(new URL('./load-main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((done) => child.once('exit', done));
  return JSON.parse(out) as T;
}
