import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKeyPair, keyNeedsOf, privateKeyVariable, publicKeyVariable, type KeyPairs, type SigningKeyPair } from '@etika/kit';
import type { SubgraphDescriptor } from '@etika/kit/descriptor';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Child {
  readonly url: string;
  /** `kill -9`: the process gets no chance to finish anything. */
  kill9(): Promise<void>;
}

/**
 * A subgraph as `npm start -w subgraphs/<name>` runs it (`src/main.ts`, `runSubgraph`): its own process, its keys
 * from the environment. Node runs it with tsx's loader (not the tsx command, whose child would outlive a kill -9).
 */
export async function startChild(descriptor: SubgraphDescriptor, known: KeyPairs, own: Map<string, SigningKeyPair>, env: Record<string, string>): Promise<Child> {
  const needs = keyNeedsOf(descriptor);
  const keys: Record<string, string> = {};
  for (const name of needs.trusts) {
    const pair = known[name] ?? own.get(name);
    if (pair) keys[publicKeyVariable(name)] = JSON.stringify(pair.publicJwk);
  }
  if (needs.signs) {
    const pair = own.get(descriptor.name) ?? (await generateSigningKeyPair());
    own.set(descriptor.name, pair);
    keys[publicKeyVariable(descriptor.name)] = JSON.stringify(pair.publicJwk);
    keys[privateKeyVariable(descriptor.name)] = JSON.stringify(pair.privateJwk);
  }
  const main = join(ROOT, `subgraphs/${descriptor.name}/src/main.ts`);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', PORT: '0', LOG_LEVEL: 'info', ...env, ...keys }, stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL'));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /"url":"([^"]+)"/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${descriptor.name} exited with ${code}: ${output.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`${descriptor.name} did not start: ${output.slice(-2000)}`)), 60_000).unref();
  });
  // keep reading, or a full pipe would stall the child
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url,
    kill9: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
