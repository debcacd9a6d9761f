import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AddressGuard, UnsafeAddressError } from './ssrf.ts';
import { EXCERPT_MAX, type AttemptResult } from './schedule.ts';

export interface SenderOptions {
  readonly guard: AddressGuard;
  readonly timeoutMs: number;
  /** Redirects followed (each target checked like the first); 0, the default, follows none: a 3xx fails. */
  readonly maxRedirects: number;
}

const READ_MAX = 64 * 1024;

function once(url: URL, headers: Record<string, string>, body: string | null, options: SenderOptions): Promise<{ status: number; location: string | null; excerpt: string }> {
  return new Promise((resolve, reject) => {
    const literal = AddressGuard.literal(url.hostname);
    const problem = literal ? options.guard.problem(literal) : null;
    if (problem) return reject(new UnsafeAddressError(problem));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: body === null ? 'GET' : 'POST',
        headers: body === null ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: options.guard.lookup() as never,
        timeout: options.timeoutMs,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size >= READ_MAX) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= READ_MAX) res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? 0, location: typeof res.headers.location === 'string' ? res.headers.location : null, excerpt: Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_MAX) });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/**
 * One attempt: a POST of the body, checked against the guard before connecting (literal addresses) and at
 * resolution (names), and again for each redirect it is allowed to follow.
 */
export async function sendWebhook(target: string, headers: Record<string, string>, body: string, options: SenderOptions): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    let url = new URL(target);
    let payload: string | null = body;
    for (let hop = 0; ; hop += 1) {
      const answer = await once(url, { 'content-type': 'application/json', 'user-agent': 'Etika-Webhooks/1', ...headers }, payload, options);
      if (answer.status >= 300 && answer.status < 400 && answer.location && hop < options.maxRedirects) {
        url = new URL(answer.location, url);
        if (answer.status === 303) payload = null;
        continue;
      }
      return { kind: 'response', status: answer.status, excerpt: answer.excerpt, durationMs: elapsed() };
    }
  } catch (err) {
    return { kind: 'error', error: String((err as Error).message ?? err).slice(0, 500), durationMs: elapsed() };
  }
}
