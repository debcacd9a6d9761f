import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { generateKeyPairs, keysFor, openDatabase } from '@etika/kit';
import { SUPERGRAPH_PATH } from '@etika/schema';
import { DEMO_PASSWORD, DEMO_USERS, SIGNING_SERVICES, dataOrThrow, graphql, seedDemo, startPlatform, type DemoRole, type Platform } from '@etika/platform';

export const OUTPUT = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface E2E {
  readonly platform: Platform;
  readonly origin: string;
  readonly browser: Browser;
  readonly orgIds: string[];
  close(): Promise<void>;
}

/**
 * (playwright-core gives every launch a fresh temporary profile, as Debian's chromium needs when run as root.)
 *
 * The real platform in embedded mode (in-memory PGlite, in-process stores) serving the freshly built web app, the
 * demo data, and Debian's chromium driven by playwright-core.
 */
export async function startE2E(options: { settings?: Readonly<Record<string, unknown>> } = {}): Promise<E2E> {
  execFileSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'pipe', cwd: fileURLToPath(new URL('../../', import.meta.url)), env: { ...process.env, NODE_ENV: 'production' } });
  mkdirSync(OUTPUT, { recursive: true });
  const database = openDatabase({});
  const keys = await generateKeyPairs(SIGNING_SERVICES);
  const platform = await startPlatform({
    keys: async (service, needs) => keysFor(keys, service, needs),
    openDatabase: () => database,
    supergraphPath: SUPERGRAPH_PATH,
    gatewayPort: 0,
    freePorts: true,
    logLevel: 'silent',
    settings: { CHECKPOINT_INTERVAL_MS: 300, ...options.settings },
    webDist: WEB_DIST,
  });
  const { orgIds } = await seedDemo(platform.gatewayUrl);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    platform,
    origin: new URL(platform.gatewayUrl).origin,
    browser,
    orgIds,
    close: async () => {
      await browser.close();
      await platform.close();
    },
  };
}

export interface PageOptions {
  readonly width?: number;
  /** The browser's language, as a person's browser would send it. */
  readonly locale?: string;
  readonly colorScheme?: 'light' | 'dark';
}

export async function newPage(e2e: E2E, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    baseURL: e2e.origin,
    locale: options.locale ?? 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
    timezoneId: 'Europe/Paris',
  });
  track(context);
  return { context, page: await context.newPage() };
}

/** Requests in flight per browser context, live streams aside (they stay open as long as a page follows them). */
const inFlight = new WeakMap<BrowserContext, Set<Request>>();
const isStream = (request: Request) => new URL(request.url()).pathname.startsWith('/graphql/stream');

function track(context: BrowserContext): Set<Request> {
  const known = inFlight.get(context);
  if (known) return known;
  const pending = new Set<Request>();
  inFlight.set(context, pending);
  context.on('request', (r) => (isStream(r) ? undefined : pending.add(r)));
  context.on('requestfinished', (r) => pending.delete(r));
  context.on('requestfailed', (r) => pending.delete(r));
  return pending;
}

/**
 * Resolves once the page's context has had no request in flight for `quietMs`, live streams aside: what
 * `waitForLoadState('networkidle')` did before pages held a stream open (with one open it never comes).
 */
export async function settled(page: Page, quietMs = 500, timeoutMs = 20_000): Promise<void> {
  const pending = track(page.context());
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() > deadline) throw new Error(`requests still in flight after ${timeoutMs} ms: ${[...pending].map((r) => r.url()).join(', ')}`);
    await page.waitForTimeout(50);
    if (pending.size > 0) quietSince = Date.now();
  }
}

/** Signs in through the form, whatever the page's language (fields by name, the form's own button). */
export async function signIn(page: Page, role: DemoRole, next = ''): Promise<void> {
  await page.goto(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.locator('input[name="email"]').fill(DEMO_USERS[role]);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.locator('header nav').waitFor({ state: 'attached' });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}

/**
 * The link of the newest mail to an address in the development mailbox (the platform keeps its mail there without
 * SMTP_URL), read through the API as a person would open it, as a path on this origin (`/verify-email?token=…`).
 */
export async function mailedLink(e2e: E2E, to: string, path: string): Promise<string> {
  const pattern = new RegExp(`${path.replace(/[/?]/g, '\\$&')}(\\?token=[\\w.~%-]+)?`);
  const until = Date.now() + 15_000;
  for (;;) {
    const answer = await graphql<{ developmentMailbox: { to: string; text: string }[] }>(e2e.platform.gatewayUrl, '{ developmentMailbox(first: 50) { to text } }');
    const found = dataOrThrow(answer).developmentMailbox.find((m) => m.to === to && pattern.test(m.text));
    if (found) return pattern.exec(found.text)![0];
    if (Date.now() > until) throw new Error(`no mail to ${to} with a link to ${path}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signs up through the form and the mailed link, whatever the page's language; ends signed in. */
export async function signUpByMail(e2e: E2E, page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-up');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/check-mailbox$/);
  await page.goto(await mailedLink(e2e, email, '/verify-email'));
  await page.locator('header nav').waitFor({ state: 'attached' });
}

