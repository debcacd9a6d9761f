import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { deepStrictEqual } from 'node:assert';
import { fileURLToPath } from 'node:url';

/** A gateway under audit, serving one suite's supergraph. */
export interface AuditedGateway {
  readonly url: string;
  close(): Promise<void>;
}
export type GatewayFactory = (supergraphSdl: string) => Promise<AuditedGateway>;

export interface CaseResult {
  /** `<suite>_<index>`, as the upstream suite names its cases. */
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string | null;
}

interface AuditCase {
  readonly query: string;
  readonly expected: { data?: unknown; errors?: boolean };
}

const SERVE = fileURLToPath(new URL('../../conformance/serve.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** The upstream suites' subgraphs, in their own process on loopback. */
async function startSuites(): Promise<{ origin: string; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, failed) => {
    child.once('exit', (code) => failed(new Error(`the audit's subgraphs exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) ready();
    });
  });
  child.removeAllListeners('exit');
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The upstream comparison: the data exactly, and whether there are errors when the case says. */
function compare(expected: AuditCase['expected'], answer: { data?: unknown; errors?: unknown[] }): string | null {
  const errorsOptional = typeof expected.errors !== 'boolean';
  const received = { data: answer.data ?? null, errors: errorsOptional ? null : Boolean(answer.errors?.length) };
  const wanted = { data: expected.data ?? null, errors: errorsOptional ? null : (expected.errors ?? false) };
  try {
    deepStrictEqual(received, wanted);
    return null;
  } catch {
    return `expected ${JSON.stringify(wanted)}, got ${JSON.stringify(answer).slice(0, 600)}`;
  }
}

/**
 * Runs graphql-hive/federation-gateway-audit's suites against gateways made by `factory`, one per suite, each case
 * one POST with the suite's query, judged as upstream judges it.
 */
export async function runAudit(factory: GatewayFactory, only?: readonly string[]): Promise<CaseResult[]> {
  const suites = await startSuites();
  const results: CaseResult[] = [];
  try {
    const ids = (await getJson<string[]>(`${suites.origin}/ids`)).filter((id) => !only?.length || only.includes(id));
    for (const id of ids) {
      const supergraph = await (await fetch(`${suites.origin}/${id}/supergraph`)).text();
      const cases = await getJson<AuditCase[]>(`${suites.origin}/${id}/tests`);
      let gateway: AuditedGateway | null = null;
      let startError: string | null = null;
      try {
        gateway = await factory(supergraph);
      } catch (error) {
        startError = `the gateway did not start: ${error instanceof Error ? error.message : String(error)}`;
      }
      for (const [index, { query, expected }] of cases.entries()) {
        const name = `${id}_${index}`;
        if (!gateway) {
          results.push({ name, passed: false, detail: startError });
          continue;
        }
        let detail: string | null;
        try {
          const response = await fetch(gateway.url, {
            method: 'POST',
            headers: { accept: 'application/json', 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
            signal: AbortSignal.timeout(10_000),
          });
          detail = compare(expected, (await response.json()) as { data?: unknown; errors?: unknown[] });
        } catch (error) {
          detail = `no answer: ${error instanceof Error ? error.message : String(error)}`;
        }
        results.push({ name, passed: detail === null, detail });
      }
      await gateway?.close();
    }
  } finally {
    suites.stop();
  }
  return results;
}
