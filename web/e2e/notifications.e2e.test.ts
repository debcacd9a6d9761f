import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERS, bearer, dataOrThrow, graphql, type DemoRole } from '@etika/platform';
import { BROWSER_LOCALE, CATALOGUES, expectAccessible, say, type Lang } from './helpers.ts';
import { mailedLink, newPage, shot, signIn, signUpByMail, startE2E, type E2E } from './platform.ts';

/** The bell, the notification list and preferences, webhook endpoints with their log, and the mailed links, in chromium. */
let e2e: E2E;
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

async function tokenOf(role: DemoRole): Promise<string> {
  const url = e2e.platform.gatewayUrl;
  const signedIn = dataOrThrow(await graphql<{ signIn: { session: { accessToken: string } } }>(url, 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken } } }', { input: { email: DEMO_USERS[role], password: DEMO_PASSWORD } }));
  const switched = dataOrThrow(await graphql<{ switchOrganization: { accessToken: string } }>(url, 'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: e2e.orgIds[0] }, bearer(signedIn.signIn.session.accessToken)));
  return switched.switchOrganization.accessToken;
}

async function api<T>(role: DemoRole, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return dataOrThrow(await graphql<T>(e2e.platform.gatewayUrl, query, variables, bearer(await tokenOf(role))));
}

type Mine = { id: string; kind: string; title: string; readAt: string | null };

/** The member's notifications through the API, newest first. */
async function mine(): Promise<Mine[]> {
  return (await api<{ notifications: { nodes: Mine[] } }>('member', '{ notifications(first: 50) { nodes { id kind title readAt } } }')).notifications.nodes;
}

/** The bell's count, as its accessible name says it. */
async function bellCount(page: Page, lang: Lang = 'en'): Promise<number> {
  const label = await page.locator('header a[href="/notifications"]').first().getAttribute('aria-label');
  const count = Number(/\d+/.exec(label ?? '')?.[0]);
  expect(label).toBe(say(CATALOGUES[lang].shell[new Intl.PluralRules(lang).select(count) === 'one' ? 'notifications_one' : 'notifications_other'], { count }));
  return count;
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/etika`;
  // the receiver is on this machine: the tests (and development only) allow it past the SSRF guard
  e2e = await startE2E({ settings: { WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32', WEBHOOK_ALLOW_HTTP: 'true' } });
});
afterAll(async () => {
  await e2e?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('notifications', () => {
  it('a transfer raises the recipient’s bell; the list marks one and then all read', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'member');
    const before = await bellCount(page);
    const known = new Set((await mine()).map((n) => n.id));
    const member = await api<{ me: { id: string } }>('member', '{ me { id } }');
    const acme = (await api<{ tokens: { id: string; symbol: string }[] }>('admin', '{ tokens { id symbol } }')).tokens.find((t) => t.symbol === 'ACME')!.id;
    await api('owner', 'mutation($input: MovementInput!) { transferTokens(input: $input) { id } }', { input: { tokenId: acme, toUserId: member.me.id, amount: '50', memo: 'Thanks', idempotencyKey: crypto.randomUUID() } });
    let told: Mine | undefined;
    for (const until = Date.now() + 20_000; !told; await new Promise((r) => setTimeout(r, 200))) {
      if (Date.now() > until) throw new Error('the transfer was never told to its recipient');
      told = (await mine()).find((n) => n.kind === 'TOKENS_RECEIVED' && !known.has(n.id));
    }
    // the bell counts it without a reload (other notifications of the demo's may still be arriving too)
    await page.waitForFunction((min) => Number(document.querySelector('header a[href="/notifications"]')?.getAttribute('data-unread')) > min, before, { timeout: 30_000 });
    expect(await bellCount(page)).toBeGreaterThan(before);
    await page.locator('header a[href="/notifications"]').first().click();
    await page.getByRole('heading', { name: c.notifications.title, level: 1 }).waitFor();
    const item = page.locator(`li[data-notification="${told.id}"]`);
    await item.getByText(told.title).waitFor();
    await item.getByText(c.notifications.unread).waitFor();
    await expectAccessible(page, 'notifications-en');
    await shot(page, 'notifications-en');
    await item.getByRole('button', { name: say(c.notifications.markReadLabel, { title: told.title }) }).click();
    await item.getByText(c.notifications.unread).waitFor({ state: 'detached' });
    expect((await mine()).find((n) => n.id === told.id)?.readAt).not.toBeNull();
    const markAll = page.getByRole('button', { name: c.notifications.markAll });
    if (await markAll.count()) {
      await markAll.click();
      await page.getByRole('status').waitFor();
    }
    await page.locator('header a[href="/notifications"][data-unread="0"]').waitFor({ timeout: 30_000 });
    expect(await page.getByText(c.notifications.unread, { exact: true }).count()).toBe(0);
    expect((await api<{ unreadNotificationCount: number }>('member', '{ unreadNotificationCount }')).unreadNotificationCount).toBe(0);
    await context.close();
    const fr = await newPage(e2e, { locale: 'fr-FR' });
    await signIn(fr.page, 'member', '/notifications');
    await fr.page.getByRole('heading', { name: CATALOGUES.fr.notifications.title, level: 1 }).waitFor();
    await fr.page.getByRole('listitem').first().waitFor();
    expect(await bellCount(fr.page, 'fr')).toBe(0);
    await expectAccessible(fr.page, 'notifications-fr');
    // switching language in the header keeps it for mail and notifications too
    const language = fr.page.locator('header select:has(option[value="fr"])').filter({ visible: true });
    for (const [choice, saved] of [['en', 'EN'], ['fr', 'FR']] as const) {
      await language.selectOption(choice);
      for (const until = Date.now() + 10_000; (await api<{ me: { language: string } }>('member', '{ me { language } }')).me.language !== saved; await new Promise((r) => setTimeout(r, 200))) {
        if (Date.now() > until) throw new Error(`the language ${saved} was never saved`);
      }
      await fr.page.getByRole('heading', { name: CATALOGUES[choice].notifications.title, level: 1 }).waitFor();
    }
    await fr.context.close();
  });

  it('a security notice cannot be turned off, in the page or through the API; another one can', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const c = CATALOGUES[lang];
      const { context, page } = await newPage(e2e, { locale: BROWSER_LOCALE[lang] });
      await signIn(page, 'member');
      await page.goto('/notifications/preferences');
      await page.getByRole('heading', { name: c.notifications.preferencesTitle, level: 1 }).waitFor();
      const locked = page.getByLabel(say(c.notifications.toggleLabel, { kind: c.notifications.kind.ROLE_CHANGED, channel: c.notifications.channel.EMAIL }));
      expect(await locked.isDisabled()).toBe(true);
      expect(await locked.isChecked()).toBe(true);
      await page.getByText(c.notifications.lockedReason).first().waitFor();
      await expectAccessible(page, `notification-preferences-${lang}`);
      await context.close();
    }
    const refused = await graphql(e2e.platform.gatewayUrl, 'mutation { setNotificationPreference(kind: ROLE_CHANGED, channel: EMAIL, enabled: false) { locked } }', {}, bearer(await tokenOf('member')));
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('PREFERENCE_LOCKED');
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'member', '/notifications/preferences');
    const mail = page.getByLabel(say(c.notifications.toggleLabel, { kind: c.notifications.kind.TOKENS_RECEIVED, channel: c.notifications.channel.EMAIL }));
    const was = await mail.isChecked();
    await mail.click({ force: true });
    await page.getByRole('status').filter({ hasText: c.notifications.saved }).waitFor();
    const prefs = await api<{ notificationPreferences: { kind: string; email: boolean }[] }>('member', '{ notificationPreferences { kind email } }');
    expect(prefs.notificationPreferences.find((p) => p.kind === 'TOKENS_RECEIVED')?.email).toBe(!was);
    await context.close();
  });
});

describe('webhook endpoints', () => {
  it('an admin adds an endpoint, copies its secret once, sends a test event and sees it delivered in the log', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'admin');
    await page.getByRole('link', { name: c.nav.webhooks, exact: true }).click();
    await page.getByRole('heading', { name: c.webhooks.title, level: 1 }).waitFor();
    await page.getByRole('button', { name: c.webhooks.create }).click();
    await page.getByText(c.webhooks.url.empty).waitFor();
    await page.getByLabel(c.webhooks.urlLabel).fill(receiverUrl);
    await page.getByLabel(c.webhooks.description).fill('Partner ERP');
    await page.getByText('token.transaction.committed', { exact: true }).click();
    await page.getByRole('button', { name: c.webhooks.create }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await expectAccessible(page, 'webhooks-en');
    await page.getByRole('button', { name: c.common.done }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    await page.getByRole('button', { name: say(c.webhooks.testLabel, { url: receiverUrl }) }).click();
    await page.getByRole('status').filter({ hasText: say(c.webhooks.testSent, { url: receiverUrl }) }).waitFor();
    const until = Date.now() + 20_000;
    while (!received.some((r) => r.body.includes('"webhook.test"'))) {
      if (Date.now() > until) throw new Error('the test event never reached the receiver');
      await new Promise((r) => setTimeout(r, 200));
    }
    const test = received.find((r) => r.body.includes('"webhook.test"'))!;
    expect(test.headers['webhook-signature']).toMatch(/^v1,/);
    await page.getByRole('link', { name: say(c.webhooks.logLabel, { url: receiverUrl }) }).click();
    await page.getByRole('heading', { name: say(c.webhooks.logTitle, { url: receiverUrl }), level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'webhook.test' });
    for (let i = 0; (await row.filter({ hasText: c.webhooks.status.succeeded }).count()) === 0; i++) {
      if (i > 40) throw new Error('the log never showed the delivery as delivered');
      await page.getByRole('button', { name: c.webhooks.refresh }).click();
      await new Promise((r) => setTimeout(r, 250));
    }
    await row.getByText(`${c.webhooks.status.succeeded} (204)`).waitFor();
    await expectAccessible(page, 'webhook-deliveries-en');
    await shot(page, 'webhook-deliveries-en');
    const sent = received.length;
    await row.getByRole('button').click();
    await page.getByRole('status').filter({ hasText: c.webhooks.replayed }).waitFor();
    while (received.length === sent) await new Promise((r) => setTimeout(r, 200));
    expect(received.at(-1)!.headers['webhook-id']).toBe(test.headers['webhook-id']);
    await context.close();
  });

  it('an address on a private network is refused in words, and the page reads in French', async () => {
    const c = CATALOGUES.fr;
    const { context, page } = await newPage(e2e, { locale: 'fr-FR' });
    await signIn(page, 'admin', '/webhooks');
    await page.getByRole('heading', { name: c.webhooks.title, level: 1 }).waitFor();
    await page.getByLabel(c.webhooks.urlLabel).fill('https://10.0.0.1/hooks');
    await page.getByText('token.transaction.committed', { exact: true }).click();
    await page.getByRole('button', { name: c.webhooks.create }).click();
    await page.getByText(c.errors.code.UNSAFE_WEBHOOK_URL).waitFor();
    await expectAccessible(page, 'webhooks-fr');
    await page.getByRole('link', { name: say(c.webhooks.logLabel, { url: receiverUrl }) }).click();
    await page.getByRole('row').filter({ hasText: 'webhook.test' }).first().waitFor();
    await expectAccessible(page, 'webhook-deliveries-fr');
    await context.close();
  });

  it('a member gets neither the menu entry nor the page', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'member', '/webhooks');
    await page.getByText(c.guard.notAllowed).waitFor();
    expect(await page.getByRole('link', { name: c.nav.webhooks, exact: true }).count()).toBe(0);
    await context.close();
  });
});

describe('mailed links', () => {
  const email = `mailed.${Date.now()}@demo.etika.dev`;

  it('sign-up says the same for a new and a known address, and the mailed link signs the newcomer in', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const c = CATALOGUES[lang];
      const { context, page } = await newPage(e2e, { locale: BROWSER_LOCALE[lang] });
      await page.goto('/sign-up');
      await page.locator('input[name="email"]').fill(DEMO_USERS.member);
      await page.locator('input[name="password"]').fill('a long enough password');
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('heading', { name: c.mail.checkTitle, level: 1 }).waitFor();
      await page.getByText(c.mail.checkSignUp).waitFor();
      await expectAccessible(page, `check-mailbox-${lang}`);
      await page.goto('/verify-email?token=not-a-real-token');
      await page.getByRole('alert').filter({ hasText: c.errors.code.LINK_EXPIRED }).waitFor();
      await expectAccessible(page, `verify-email-expired-${lang}`);
      await context.close();
    }
    for (const lang of ['en', 'fr'] as const) {
      // the platform keeps its mail in the development mailbox here, as with npm start: the page links there
      const c = CATALOGUES[lang];
      const { context, page } = await newPage(e2e, { locale: BROWSER_LOCALE[lang] });
      await page.goto('/check-mailbox');
      await page.getByRole('link', { name: c.mail.devMailboxLink }).click();
      await page.getByRole('heading', { name: c.mail.devMailboxTitle, level: 1 }).waitFor();
      await page.getByRole('listitem').filter({ hasText: DEMO_USERS.member }).first().waitFor();
      await expectAccessible(page, `development-mailbox-${lang}`);
      await context.close();
    }
    const { context, page } = await newPage(e2e);
    await signUpByMail(e2e, page, email, 'a long enough password');
    await page.getByRole('heading', { name: CATALOGUES.en.welcome.title }).waitFor();
    // completeSignUp signs in as signIn does: the refresh token went into the HttpOnly cookie, not to page script
    expect((await context.cookies()).find((k) => k.name === 'etika_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth/refresh' });
    await page.reload();
    await page.getByRole('heading', { name: CATALOGUES.en.welcome.title }).waitFor();
    await context.close();
  });

  it('the invitation mail leads someone without an account through sign-up to the invitation', async () => {
    const invited = `invited.${Date.now()}@demo.etika.dev`;
    await api('admin', 'mutation($email: String!) { inviteMember(email: $email, role: MEMBER) { id } }', { email: invited });
    const link = await mailedLink(e2e, invited, '/invitations');
    expect(link).toBe('/invitations');
    const { context, page } = await newPage(e2e);
    await page.goto(link);
    await page.waitForURL(/\/sign-in\?next=%2Finvitations$/);
    await signUpByMail(e2e, page, invited, 'a long enough password');
    for (const lang of ['fr', 'en'] as const) {
      const c = CATALOGUES[lang];
      await page.locator('header select:has(option[value="fr"])').filter({ visible: true }).selectOption(lang);
      await page.locator(`html[lang="${lang}"]`).waitFor();
      await page.goto('/invitations');
      await page.getByRole('heading', { name: c.mail.invitationsTitle, level: 1 }).waitFor();
      await page.getByRole('button', { name: say(c.welcome.acceptLabel, { organisation: 'Acme Rewards' }) }).waitFor();
      await expectAccessible(page, `invitations-${lang}`);
    }
    await page.getByRole('button', { name: say(CATALOGUES.en.welcome.acceptLabel, { organisation: 'Acme Rewards' }) }).click();
    await page.getByRole('heading', { name: CATALOGUES.en.wallet.title }).waitFor();
    await context.close();
  });

  it('forgot password mails a single-use link that sets a new one', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const c = CATALOGUES[lang];
      const { context, page } = await newPage(e2e, { locale: BROWSER_LOCALE[lang] });
      await page.goto('/sign-in');
      await page.getByRole('link', { name: c.auth.forgotPassword }).click();
      await page.getByRole('heading', { name: c.mail.forgotTitle, level: 1 }).waitFor();
      await expectAccessible(page, `forgot-password-${lang}`);
      if (lang === 'fr') {
        await page.goto('/reset-password?token=not-a-real-token');
        await page.getByRole('heading', { name: c.mail.resetTitle, level: 1 }).waitFor();
        await expectAccessible(page, 'reset-password-fr');
        await page.locator('input[name="password"]').fill('a long enough password');
        await page.locator('form button[type="submit"]').click();
        await page.getByRole('alert').filter({ hasText: c.errors.code.LINK_EXPIRED }).waitFor();
        await page.getByRole('link', { name: c.mail.askAgain }).waitFor();
      }
      if (lang === 'en') {
        await page.locator('input[name="email"]').fill(email);
        await page.locator('form button[type="submit"]').click();
        await page.getByText(c.mail.checkReset).waitFor();
        const link = await mailedLink(e2e, email, '/reset-password');
        await page.goto(link);
        await page.getByRole('heading', { name: c.mail.resetTitle, level: 1 }).waitFor();
        await expectAccessible(page, 'reset-password-en');
        await page.locator('input[name="password"]').fill('another long password');
        await page.locator('form button[type="submit"]').click();
        await page.getByRole('heading', { name: c.mail.resetDoneTitle, level: 1 }).waitFor();
        await page.goto(link);
        await page.locator('input[name="password"]').fill('a third long password');
        await page.locator('form button[type="submit"]').click();
        await page.getByRole('alert').filter({ hasText: c.errors.code.LINK_EXPIRED }).waitFor();
        const signedIn = await graphql(e2e.platform.gatewayUrl, 'mutation($input: CredentialsInput!) { signIn(input: $input) { mfaRequired } }', { input: { email, password: 'another long password' } });
        expect(signedIn.errors).toBeUndefined();
      }
      await context.close();
    }
  });
});
