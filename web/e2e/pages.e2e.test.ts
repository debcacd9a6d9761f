import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../subgraphs/identity/src/security/index.ts';
import { BROWSER_LOCALE, CATALOGUES, expectAccessible, say, type Lang } from './helpers.ts';
import { newPage, settled, shot, signIn, signUpByMail, startE2E, type E2E } from './platform.ts';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('pages every visitor meets', () => {
  it('an unknown address gets a real page, in the browser language', async () => {
    const { context, page } = await newPage(e2e, { locale: 'fr-FR' });
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: CATALOGUES.fr.notFound.title }).waitFor();
    await expectAccessible(page, 'not-found-fr');
    await context.close();
  });

  it('the refresh token is out of page script’s reach, and two tabs reloading together both stay signed in', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'member');
    const readable = await page.evaluate(() => [document.cookie, ...Object.values(localStorage)].join(' '));
    expect(readable).not.toMatch(/etr_|etika_refresh/);
    expect((await context.cookies()).find((k) => k.name === 'etika_refresh')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/auth/refresh' });
    const second = await context.newPage();
    await second.goto('/history');
    await second.getByRole('heading', { name: c.history.title }).waitFor();
    for (let round = 0; round < 3; round++) {
      await Promise.all([page.reload(), second.reload()]);
      await page.getByRole('heading', { name: c.wallet.title }).waitFor();
      await second.getByRole('heading', { name: c.history.title }).waitFor();
    }
    expect(page.url()).not.toContain('/sign-in');
    expect(second.url()).not.toContain('/sign-in');
    await context.close();
  });

  it('one person signed in on two devices sees both and signs the other out, which then returns to sign-in', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'admin');
    const other = await e2e.browser.newContext({ baseURL: e2e.origin, locale: 'en-GB', userAgent: FIREFOX_ON_WINDOWS });
    const otherPage = await other.newPage();
    await signIn(otherPage, 'admin');
    await page.goto('/security');
    const list = page.getByRole('list', { name: c.security.sessionsTitle });
    const otherRow = list.getByRole('listitem').filter({ hasText: say(c.security.deviceOn, { browser: 'Firefox', os: 'Windows' }) });
    await otherRow.waitFor();
    await list.getByRole('listitem').filter({ hasText: c.security.thisDevice }).waitFor();
    const listed = await list.getByRole('listitem').count();
    expect(listed).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'sessions');
    await otherRow.getByRole('button', { name: c.security.signOutOne }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: c.security.signOutOne, exact: true }).click();
    await page.getByRole('status').filter({ hasText: say(c.security.signedOutOne, { device: say(c.security.deviceOn, { browser: 'Firefox', os: 'Windows' }) }) }).waitFor();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(listed - 1);
    await expect.poll(() => otherRow.count()).toBe(0);
    await otherPage.goto('/history');
    await otherPage.waitForURL(/\/sign-in/);
    await other.close();
    await context.close();
  });

  it('signing in again returns to the organisation used last, switching without an uncaught error', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await signIn(page, 'owner');
    await page.goto('/history');
    await page.getByLabel(c.shell.organisation).selectOption({ label: 'Globex Club' });
    await page.locator('header p', { hasText: 'Globex Club' }).waitFor();
    await page.getByRole('button', { name: c.shell.signOut }).click();
    await page.waitForURL(/\/sign-in/);
    expect((await context.cookies()).find((k) => k.name === 'etika_refresh')).toBeUndefined();
    await signIn(page, 'owner');
    await page.locator('header p', { hasText: 'Globex Club' }).waitFor();
    expect(uncaught).toEqual([]);
    await context.close();
  });

  it('an expired session returns to sign-in and then to the page asked for', async () => {
    const { context, page } = await newPage(e2e);
    await page.goto('/explorer');
    await page.waitForURL(/\/sign-in\?next=%2Fexplorer/);
    await signIn(page, 'member', '/explorer');
    await page.waitForURL(/\/explorer$/);
    await context.close();
  });

  it('a newcomer is welcomed, enrols two-step sign-in and creates an organisation', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    const email = `mfa.${Date.now()}@demo.etika.dev`;
    await signUpByMail(e2e, page, email, 'a long enough password');
    await page.getByRole('heading', { name: c.welcome.title }).waitFor();
    await page.getByRole('link', { name: c.nav.security, exact: true }).click();
    await page.getByRole('button', { name: c.security.setUp }).click();
    await page.getByRole('img', { name: c.security.qrAlt }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    await page.getByLabel(c.security.codeFromApp).fill(hotp(base32Decode(secret), totpStep(Date.now())));
    await page.getByRole('button', { name: c.security.turnOn }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    const recoveryCode = (await codes.first().textContent())!.trim();
    const recoveryCodeTwo = (await codes.nth(1).textContent())!.trim();
    await page.getByRole('button', { name: c.security.download }).waitFor();
    await page.getByRole('button', { name: c.shell.signOut, exact: true }).click();
    await page.goto('/sign-in');
    await page.getByLabel(c.auth.email).fill(email);
    await page.getByLabel(c.auth.password).fill('a long enough password');
    await page.getByRole('button', { name: c.auth.signIn }).click();
    const recovery = page.getByLabel(c.auth.mfaCode);
    await recovery.fill('000000');
    await page.getByRole('button', { name: c.auth.continue }).click();
    await page.getByRole('alert').filter({ hasText: c.errors.code.INVALID_MFA_CODE }).waitFor();
    await recovery.fill(recoveryCode);
    await page.getByRole('button', { name: c.auth.continue }).click();
    await page.getByRole('link', { name: c.welcome.createButton }).click();
    await page.getByLabel(c.organisation.name).fill('Initech Guild');
    await page.getByRole('button', { name: c.organisation.create }).click();
    await page.getByRole('heading', { name: c.wallet.title }).waitFor();
    await page.getByText('Initech Guild', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: c.nav.settings, exact: true }).click();
    await page.getByRole('textbox', { name: c.organisation.name, exact: true }).fill('Initech Club');
    await page.getByRole('button', { name: c.organisation.save }).click();
    await page.locator('header p', { hasText: 'Initech Club' }).waitFor();
    await page.getByRole('button', { name: c.organisation.leave }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: c.organisation.leave }).click();
    await page.getByRole('alert').filter({ hasText: c.errors.code.LAST_OWNER }).waitFor();
    await page.getByRole('link', { name: c.nav.security, exact: true }).click();
    await page.getByLabel(c.security.currentCode).fill(recoveryCodeTwo);
    await page.getByRole('button', { name: c.security.turnOff }).click();
    await page.getByRole('status').filter({ hasText: c.security.off }).waitFor();
    await context.close();
  });
});

const PAGES = ['/wallet', '/history', '/issuance', '/members', '/api-keys', '/explorer', '/settings', '/security', '/organizations/new'];

describe('every page, in both languages and both themes', () => {
  it.each([['en', 'light'], ['en', 'dark'], ['fr', 'light'], ['fr', 'dark']] as [Lang, 'light' | 'dark'][])('has no axe violation (%s, %s)', async (lang, colorScheme) => {
    const c = CATALOGUES[lang];
    const { context, page } = await newPage(e2e, { locale: BROWSER_LOCALE[lang], colorScheme });
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: c.auth.signInTitle }).waitFor();
    await expectAccessible(page, `sign-in ${lang} ${colorScheme}`);
    await page.goto('/sign-up');
    await page.getByRole('heading', { name: c.auth.signUpTitle }).waitFor();
    await expectAccessible(page, `sign-up ${lang} ${colorScheme}`);
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: c.notFound.title }).waitFor();
    await expectAccessible(page, `not-found ${lang} ${colorScheme}`);
    await signIn(page, 'owner');
    for (const org of ['Acme Rewards', 'Globex Club']) {
      if (org === 'Globex Club') {
        await page.getByLabel(c.shell.organisation).selectOption({ label: org });
        await page.locator('header p', { hasText: org }).waitFor();
      }
      for (const path of PAGES) {
        await page.goto(path);
        await page.locator('main h1').first().waitFor();
        await settled(page);
        await expectAccessible(page, `${path} ${org} ${lang} ${colorScheme}`);
      }
    }
    await page.goto('/history');
    await page.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: /^Transaction/ }).waitFor();
    await expectAccessible(page, `transaction ${lang} ${colorScheme}`);
    await shot(page, `transaction-${lang}-${colorScheme}`);
    expect(uncaught).toEqual([]);
    await context.close();
  });
});

describe('on a 375 px phone', () => {
  it('keeps the header on one line behind a menu, and lists history and members without cutting columns', async () => {
    const c = CATALOGUES.fr;
    const { context, page } = await newPage(e2e, { width: 375, locale: 'fr-FR' });
    await signIn(page, 'owner');
    const header = page.locator('header');
    expect((await header.boundingBox())!.height).toBeLessThan(72);
    await page.getByRole('button', { name: c.shell.menu }).click();
    await page.getByRole('link', { name: c.nav.history, exact: true }).click();
    const list = page.getByRole('list', { name: c.history.tableLabel });
    await list.locator('li').first().waitFor();
    expect(await list.locator('li').first().textContent()).toMatch(/ACME/);
    await expectAccessible(page, 'history-phone');
    await shot(page, 'history-phone');
    await page.goto('/members');
    const people = page.getByRole('list', { name: c.members.peopleTitle });
    await people.getByRole('button', { name: say(c.members.removeLabel, { email: 'member@demo.etika.dev' }) }).waitFor();
    for (const path of ['/wallet', '/history', '/members', '/security']) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      if (path === '/security') await page.getByRole('list', { name: c.security.sessionsTitle }).getByRole('listitem').first().waitFor();
      expect({ path, overflow: await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) }).toEqual({ path, overflow: 0 });
    }
    await expectAccessible(page, 'members-phone');
    await shot(page, 'members-phone');
    await context.close();
  });
});
