import { EventEmitter } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Drain } from './drain.ts';

const response = () => Object.assign(new EventEmitter(), { headers: {} as Record<string, string>, setHeader(name: string, value: string) { this.headers[name] = value; } });

describe('Drain', () => {
  it('waits for the requests in flight, and answers later ones with connection: close', async () => {
    const drain = new Drain();
    const first = response();
    drain.track(first as unknown as ServerResponse);
    const http = createServer();
    let done = false;
    const drained = drain.drain(http, 5_000).then(() => (done = true));
    expect(drain.draining).toBe(true);
    const late = response();
    drain.track(late as unknown as ServerResponse);
    expect(late.headers['connection']).toBe('close');
    first.emit('close');
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    late.emit('close');
    await drained;
    expect(done).toBe(true);
  });

  it('stops waiting after its bound', async () => {
    const drain = new Drain();
    drain.track(response() as unknown as ServerResponse);
    const started = Date.now();
    await drain.drain(createServer(), 50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
