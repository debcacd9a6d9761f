import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_ROUTES } from '@etika/schema';
import { HttpError, appError, callInternal, createHttpService, createLogger, internalRoute, type HttpService } from '../src/index.ts';

const logger = createLogger('internal-test', 'silent');
let unavailable = true;
let service: HttpService;
let base: string;

beforeAll(async () => {
  // an internal route whose database is down, as org's is when its PostgreSQL stops: the handler throws what inTenant throws
  const route = internalRoute(INTERNAL_ROUTES.ownEmail, async () => 'caller', async () => {
    if (unavailable) throw appError('SERVICE_UNAVAILABLE', 'The service cannot complete this right now; nothing was changed, try again shortly', { retryAfterSeconds: 1 });
    throw new Error('a bug');
  });
  service = createHttpService((req, res) => route(req, res, new URL(req.url ?? '/', 'http://x')), logger, async () => undefined);
  base = new URL(await service.listen(0)).origin;
});
afterAll(async () => {
  await service?.close();
});

describe('internal calls to a part that cannot answer', () => {
  it('a route whose dependency is unavailable answers 503 with retryAfterSeconds and Retry-After, not 500', async () => {
    unavailable = true;
    const response = await fetch(new URL(INTERNAL_ROUTES.ownEmail.path, base));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 } }] });
  });

  it('the caller is told SERVICE_UNAVAILABLE, retryable, for a 503 and for a part that cannot be reached', async () => {
    unavailable = true;
    await expect(callInternal(base, INTERNAL_ROUTES.ownEmail, {}, {})).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 } });
    // a port nothing listens on (the one just closed by a second service)
    const gone = createHttpService(async () => undefined, logger, async () => undefined);
    const goneBase = new URL(await gone.listen(0)).origin;
    await gone.close();
    await expect(callInternal(goneBase, INTERNAL_ROUTES.ownEmail, {}, {})).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('any other failure stays what it was: a 500 there, a 502 HttpError here', async () => {
    unavailable = false;
    const response = await fetch(new URL(INTERNAL_ROUTES.ownEmail.path, base));
    expect(response.status).toBe(500);
    const err = await callInternal(base, INTERNAL_ROUTES.ownEmail, {}, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(502);
  });
});
