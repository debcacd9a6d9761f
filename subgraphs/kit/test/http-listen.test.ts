import { describe, expect, it } from 'vitest';
import { createHttpService, createLogger } from '../src/index.ts';

const logger = createLogger('listen-test', 'silent');

describe('starting an HTTP service', () => {
  it('fails at once with EADDRINUSE when its port is taken, and the port’s owner keeps answering', async () => {
    const owner = createHttpService(async (_req, res) => void res.end('owner'), logger, async () => undefined);
    const port = Number(new URL(await owner.listen(0)).port);
    const late = createHttpService(async () => undefined, logger, async () => undefined);
    try {
      await expect(late.listen(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('owner');
    } finally {
      await owner.close();
    }
  });
});
