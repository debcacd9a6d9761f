import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A partner's receiver on this machine: records every request, answers what the test says. */
export async function startReceiver() {
  const hits: Hit[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(200).end('ok');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '/', headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    hits,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    answer: (fn: typeof answer) => {
      answer = fn;
    },
    status: (status: number, body = '') => {
      answer = (_req, res) => res.writeHead(status).end(body);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
