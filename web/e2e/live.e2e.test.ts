import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS, bearer, dataOrThrow, graphql, type DemoRole } from '@etika/platform';
import { formatAmount } from '../src/app/amount.ts';
import { LIVE_POLL_MS, POLL_MS } from '../src/app/poll.ts';
import { CATALOGUES, recordOperations } from './helpers.ts';
import { newPage, shot, signIn, startE2E, type E2E } from './platform.ts';

/** Wallet, history and bell follow the gateway's live stream (/graphql/stream) in chromium, without reload or poll. */
let e2e: E2E;

async function tokenOf(role: DemoRole): Promise<string> {
  const url = e2e.platform.gatewayUrl;
  const signedIn = dataOrThrow(await graphql<{ signIn: { session: { accessToken: string } } }>(url, 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken } } }', { input: { email: DEMO_USERS[role], password: DEMO_PASSWORD } }));
  const switched = dataOrThrow(await graphql<{ switchOrganization: { accessToken: string } }>(url, 'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: e2e.orgIds[0] }, bearer(signedIn.signIn.session.accessToken)));
  return switched.switchOrganization.accessToken;
}

async function api<T>(role: DemoRole, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return dataOrThrow(await graphql<T>(e2e.platform.gatewayUrl, query, variables, bearer(await tokenOf(role))));
}

type Balance = { amount: string; token: { id: string; symbol: string; decimals: number } };
const acmeOf = async (role: DemoRole) =>
  (await api<{ me: { wallet: Balance[] } }>(role, '{ me { wallet { amount token { id symbol decimals } } } }')).me.wallet.find((b) => b.token.symbol === 'ACME')!;

/** Someone else (the owner, through the API) sends the member ACME. */
async function sendToMember(amount: string, memo: string): Promise<void> {
  const member = await api<{ me: { id: string } }>('member', '{ me { id } }');
  const acme = (await acmeOf('owner')).token.id;
  await api('owner', 'mutation($input: MovementInput!) { transferTokens(input: $input) { id } }', { input: { tokenId: acme, toUserId: member.me.id, amount, memo, idempotencyKey: crypto.randomUUID() } });
}

/** The answer to the stream request of one subscription (its headers: the stream is open). */
const streamOpened = (page: Page, operation: string): Promise<Response> =>
  page.waitForResponse((r) => r.url().endsWith('/graphql/stream') && (r.request().postData() ?? '').includes(`"operationName":"${operation}"`), { timeout: 30_000 });

const unread = async (page: Page) => Number(await page.locator('header a[href="/notifications"]').first().getAttribute('data-unread'));

/** Faster than the bell's fallback poll, so what changes within it came through the stream. */
const LIVE_WITHIN_MS = POLL_MS / 2;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('the app updates live', () => {
  it('the wallet, then the history, show a transfer sent by someone else without reload, and the bell counts it at once', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    const opened = Promise.all([streamOpened(page, 'WalletChanged'), streamOpened(page, 'NotificationAdded')]);
    await signIn(page, 'member', '/wallet');
    await page.getByRole('heading', { name: c.wallet.title, level: 1 }).waitFor();
    expect((await opened).map((r) => r.status())).toEqual([200, 200]);
    // while the stream is open the bell asks the count only once a minute: none of this test's waits comes near it
    await page.locator('header a[href="/notifications"][data-live="on"]').waitFor();
    const liveSince = Date.now();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const sent = recordOperations(page);
    const balances = page.getByRole('list', { name: c.wallet.balances });

    const before = await acmeOf('member');
    await balances.getByText(`${formatAmount(before.amount, before.token.decimals, 'en-GB')} ACME`).waitFor();
    const bellBefore = await unread(page);
    const started = Date.now();
    await sendToMember('125', 'Live thanks');
    const after = await acmeOf('member');
    expect(BigInt(after.amount)).toBe(BigInt(before.amount) + 125n);
    await balances.getByText(`${formatAmount(after.amount, after.token.decimals, 'en-GB')} ACME`).waitFor({ timeout: LIVE_WITHIN_MS });
    await page.waitForFunction((min) => Number(document.querySelector('header a[href="/notifications"]')?.getAttribute('data-unread')) > min, bellBefore, { timeout: LIVE_WITHIN_MS });
    expect(Date.now() - started).toBeLessThan(POLL_MS);
    // asked again because the stream said so, the count never asked: no poll fired, the page was not reloaded
    expect(sent).toContain('Wallet');
    expect(sent).not.toContain('UnreadNotificationCount');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await shot(page, 'live-wallet-en');

    // the history page, reached through the menu, shows the next one as it is committed
    await page.locator('header nav').getByRole('link', { name: c.nav.history }).click();
    await page.getByRole('heading', { name: c.history.title, level: 1 }).waitFor();
    await page.getByText('Live thanks').first().waitFor();
    const bellNow = await unread(page);
    await sendToMember('7', 'Second live transfer');
    await page.getByText('Second live transfer').first().waitFor({ timeout: LIVE_WITHIN_MS });
    await page.waitForFunction((min) => Number(document.querySelector('header a[href="/notifications"]')?.getAttribute('data-unread')) > min, bellNow, { timeout: LIVE_WITHIN_MS });
    expect(Date.now() - liveSince).toBeLessThan(LIVE_POLL_MS);
    expect(sent).not.toContain('UnreadNotificationCount');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await context.close();
  });

  it('a changed role ends the streams as it would fail a query: the session is refreshed and they open again; signing out closes them', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    const opened = Promise.all([streamOpened(page, 'WalletChanged'), streamOpened(page, 'NotificationAdded')]);
    await signIn(page, 'member', '/wallet');
    await page.getByRole('heading', { name: c.wallet.title, level: 1 }).waitFor();
    await opened;
    await page.locator('header a[href="/notifications"][data-live="on"]').waitFor();
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/auth/refresh'), { timeout: 20_000 });
    const reopened = Promise.all([streamOpened(page, 'WalletChanged'), streamOpened(page, 'NotificationAdded')]);
    type Members = { organization: { members: { id: string; role: string; user: { email: string } }[] } };
    const membership = (await api<Members>('owner', 'query($id: ID!) { organization(id: $id) { members { id role user { email } } } }', { id: e2e.orgIds[0] }))
      .organization.members.find((m) => m.user.email === DEMO_USERS.member)!;
    const changeRole = (role: string) => api('owner', 'mutation($id: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $id, role: $role) { id } }', { id: membership.id, role });
    await changeRole('AUDITOR');
    try {
      expect((await refreshed).status()).toBe(200);
      expect((await reopened).map((r) => r.status())).toEqual([200, 200]);
      // the new streams carry the new rights and still follow the wallet
      const balances = page.getByRole('list', { name: c.wallet.balances });
      const before = await acmeOf('member');
      await balances.getByText(`${formatAmount(before.amount, before.token.decimals, 'en-GB')} ACME`).waitFor();
      await sendToMember('3', 'After the role change');
      const after = await acmeOf('member');
      await balances.getByText(`${formatAmount(after.amount, after.token.decimals, 'en-GB')} ACME`).waitFor({ timeout: LIVE_WITHIN_MS });
    } finally {
      await changeRole('MEMBER');
    }
    await page.locator('header a[href="/notifications"][data-live="on"]').waitFor();
    const closed: string[] = [];
    page.on('requestfailed', (r) => {
      if (r.url().endsWith('/graphql/stream')) closed.push(r.postData() ?? '');
    });
    await page.getByRole('button', { name: c.shell.signOut }).click();
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => closed.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(closed.some((body) => body.includes('WalletChanged')) && closed.some((body) => body.includes('NotificationAdded'))).toBe(true);
    await context.close();
  });

  it('switching organisation closes the streams and opens the new organisation’s; leaving the wallet closes its stream', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    const opened = Promise.all([streamOpened(page, 'WalletChanged'), streamOpened(page, 'NotificationAdded')]);
    await signIn(page, 'owner', '/wallet');
    await page.getByRole('heading', { name: c.wallet.title, level: 1 }).waitFor();
    await opened;
    const closed: string[] = [];
    page.on('requestfailed', (r) => {
      if (r.url().endsWith('/graphql/stream')) closed.push(r.postData() ?? '');
    });
    const reopened = Promise.all([streamOpened(page, 'WalletChanged'), streamOpened(page, 'NotificationAdded')]);
    await page.getByLabel(c.shell.organisation).selectOption({ label: 'Globex Club' });
    await page.locator('header p', { hasText: 'Globex Club' }).waitFor();
    expect((await reopened).map((r) => r.status())).toEqual([200, 200]);
    await expect.poll(() => closed.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    const authorization = (await (await reopened)[0].request().allHeaders())['authorization'] ?? '';
    const claims = JSON.parse(Buffer.from(authorization.replace(/^Bearer /, '').split('.')[1] ?? '', 'base64url').toString()) as { org: string };
    expect(claims.org).not.toBe(e2e.orgIds[0]);
    await page.locator('header a[href="/notifications"][data-live="on"]').waitFor();
    // the wallet's stream is held only by the pages that show a wallet: leaving them closes it, not the bell's
    closed.length = 0;
    await page.locator('header nav').getByRole('link', { name: c.nav.security }).click();
    await expect.poll(() => closed.some((body) => body.includes('WalletChanged')), { timeout: 5_000 }).toBe(true);
    expect(closed.some((body) => body.includes('NotificationAdded'))).toBe(false);
    await page.locator('header a[href="/notifications"][data-live="on"]').waitFor();
    await context.close();
  });
});
