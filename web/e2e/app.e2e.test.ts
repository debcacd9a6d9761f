import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../subgraphs/identity/src/security/index.ts';
import { graphql } from '@etika/platform';
import { BROWSER_LOCALE, CATALOGUES, expectAccessible, recordOperations, say, type Lang } from './helpers.ts';
import { newPage, shot, signIn, startE2E, type E2E } from './platform.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const OWNER = 'owner@demo.etika.dev';

describe('money in two languages', () => {
  it('in French, 1,5 sends exactly one and a half, and Enter only opens the review', async () => {
    const c = CATALOGUES.fr;
    const { context, page } = await newPage(e2e, { locale: 'fr-FR' });
    const sent = recordOperations(page);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: c.auth.signInTitle }).waitFor();
    await signIn(page, 'member');
    await page.getByRole('heading', { name: c.wallet.title }).waitFor();
    const balances = page.getByRole('list', { name: c.wallet.balances });
    await balances.getByText('100,00 ACME').waitFor();
    await page.getByLabel(c.wallet.recipient).selectOption({ label: OWNER });
    await page.getByLabel(say(c.wallet.amount, { symbol: 'ACME' })).fill('1,5');
    await page.getByLabel(say(c.wallet.amount, { symbol: 'ACME' })).press('Enter');
    await page.getByRole('heading', { name: say(c.wallet.reviewSend, { amount: '1,50 ACME', recipient: OWNER }) }).waitFor();
    await page.getByText(say(c.wallet.balanceAfter, { before: '100,00 ACME', after: '98,50 ACME' })).waitFor();
    await page.keyboard.press('Enter');
    expect(sent).not.toContain('Transfer');
    await expectAccessible(page, 'review-fr');
    await shot(page, 'review-fr');
    await page.getByRole('button', { name: c.wallet.confirmSend }).click();
    await page.getByRole('status').filter({ hasText: say(c.wallet.sent, { amount: '1,50 ACME', recipient: OWNER }) }).waitFor();
    await balances.getByText('98,50 ACME').waitFor();
    expect(sent.filter((s) => s === 'Transfer')).toHaveLength(1);

    await page.getByRole('link', { name: c.nav.history, exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: say(c.history.to, { party: OWNER }) });
    await row.getByText('−1,50 ACME').waitFor();
    await row.getByText(c.history.direction.out).waitFor();
    await expectAccessible(page, 'history-fr');
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: say(c.transaction.title, { kind: c.history.kind.TRANSFER }) }).waitFor();
    await page.getByRole('cell', { name: '+1,50 ACME' }).waitFor();
    await expectAccessible(page, 'transaction-fr');
    await context.close();
  });

  it('in English, 1,5 is refused next to the field and nothing is sent; 0.5 is sent and redeem works', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e, { locale: 'en-GB' });
    const sent = recordOperations(page);
    await signIn(page, 'member');
    const amount = page.getByLabel(say(c.wallet.amount, { symbol: 'ACME' }));
    await page.getByLabel(c.wallet.recipient).selectOption({ label: OWNER });
    await amount.fill('1,5');
    await amount.press('Enter');
    await page.getByText(say(c.amount.commaDecimal, { example: '1.5' })).waitFor();
    expect(await amount.evaluate((el) => el === document.activeElement)).toBe(true);
    await amount.fill('1000000');
    await amount.press('Enter');
    await page.getByText(say(c.wallet.notEnough, { balance: '98.50 ACME' })).waitFor();
    expect(sent).not.toContain('Transfer');
    await amount.fill('.5');
    await amount.press('Enter');
    await page.getByRole('button', { name: c.wallet.confirmSend }).click();
    await page.getByRole('status').filter({ hasText: say(c.wallet.sent, { amount: '0.50 ACME', recipient: OWNER }) }).waitFor();
    await page.getByLabel(c.wallet.action).selectOption({ label: c.wallet.actionRedeem });
    await amount.fill('0.5');
    await amount.press('Enter');
    await page.getByRole('heading', { name: say(c.wallet.reviewRedeem, { amount: '0.50 ACME' }) }).waitFor();
    await page.getByRole('button', { name: c.wallet.confirmRedeem }).click();
    await page.getByRole('list', { name: c.wallet.balances }).getByText('97.50 ACME').waitFor();
    expect(sent.filter((s) => s === 'Transfer' || s === 'Redeem')).toEqual(['Transfer', 'Redeem']);
    await context.close();
  });

  it('switches language and theme from the header and remembers both', async () => {
    const { context, page } = await newPage(e2e, { locale: 'en-GB' });
    await signIn(page, 'member');
    await page.getByLabel(CATALOGUES.en.preferences.language).selectOption('fr');
    await page.getByRole('heading', { name: CATALOGUES.fr.wallet.title }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: CATALOGUES.fr.wallet.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByLabel(CATALOGUES.fr.preferences.theme).selectOption('dark');
    await page.reload();
    await page.getByRole('heading', { name: CATALOGUES.fr.wallet.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await expectAccessible(page, 'wallet-fr-dark-chosen');
    await context.close();
  });
});

describe('people by role', () => {
  it('an admin is offered no action they cannot perform', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'admin');
    await page.getByRole('link', { name: c.nav.members, exact: true }).click();
    const ownerRow = page.getByRole('row').filter({ hasText: OWNER });
    await ownerRow.getByText(c.roles.OWNER, { exact: true }).waitFor();
    expect(await ownerRow.getByRole('button').count()).toBe(0);
    expect(await ownerRow.getByRole('combobox').count()).toBe(0);
    const memberSelect = page.getByLabel(say(c.members.roleOf, { email: 'member@demo.etika.dev' })).filter({ visible: true });
    expect(await memberSelect.locator('option').allTextContents()).toEqual([c.roles.ADMIN, c.roles.MEMBER, c.roles.AUDITOR]);
    expect(await page.getByLabel(c.members.role, { exact: true }).locator('option').allTextContents()).not.toContain(c.roles.OWNER);
    await page.getByLabel(c.members.email, { exact: true }).fill('nobody.yet@demo.etika.dev');
    await page.getByRole('button', { name: c.members.invite, exact: true }).click();
    await page.getByRole('status').filter({ hasText: say(c.members.invited, { email: 'nobody.yet@demo.etika.dev', role: c.roles.MEMBER }) }).waitFor();
    await expectAccessible(page, 'members-admin');
    await page.getByRole('button', { name: say(c.members.revokeInvitationLabel, { email: 'nobody.yet@demo.etika.dev' }) }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: c.members.revokeInvitation }).click();
    await page.getByRole('status').filter({ hasText: say(c.members.invitationRevoked, { email: 'nobody.yet@demo.etika.dev' }) }).waitFor();
    await context.close();
  });

  it('an owner issues after a review, and the token form refuses what it cannot take', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    const sent = recordOperations(page);
    await signIn(page, 'owner');
    await page.getByRole('link', { name: c.nav.issuance, exact: true }).click();
    await page.getByLabel(c.issuance.member, { exact: true }).selectOption({ label: 'auditor@demo.etika.dev' });
    await page.getByLabel(say(c.wallet.amount, { symbol: 'ACME' })).fill('12.5');
    await page.getByLabel(c.wallet.memo).first().fill('Audit fee');
    await page.getByLabel(say(c.wallet.amount, { symbol: 'ACME' })).press('Enter');
    await page.getByRole('heading', { name: say(c.issuance.review, { amount: '12.50 ACME', recipient: 'auditor@demo.etika.dev' }) }).waitFor();
    expect(sent).not.toContain('IssueTokens');
    await page.getByRole('button', { name: c.issuance.confirm }).click();
    await page.getByRole('status').filter({ hasText: say(c.issuance.issued, { amount: '12.50 ACME', recipient: 'auditor@demo.etika.dev' }) }).waitFor();
    await page.getByLabel(c.issuance.name).fill('Bonus points');
    await page.getByLabel(c.issuance.symbol).fill('BNS');
    await page.getByLabel(c.issuance.decimals).fill('1.5');
    await page.getByLabel(c.issuance.maxSupply).fill('-100');
    await page.getByRole('button', { name: c.issuance.create }).click();
    await page.getByText(c.errors.field.decimals).waitFor();
    await page.getByLabel(c.issuance.decimals).fill('0');
    await page.getByRole('button', { name: c.issuance.create }).click();
    await page.getByText(c.issuance.capNegative).waitFor();
    await page.getByLabel(c.issuance.maxSupply).fill('100.5');
    await page.getByRole('button', { name: c.issuance.create }).click();
    await page.getByText(c.amount.wholeOnly).waitFor();
    expect(sent).not.toContain('DefineToken');
    await expectAccessible(page, 'issuance');
    await shot(page, 'issuance');
    await context.close();
  });

  it('an owner manages members and keys, asked first each time, and reverses a transaction', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'owner');
    await page.getByRole('link', { name: c.nav.members, exact: true }).click();
    const newcomer = `newcomer.${Date.now()}@demo.etika.dev`;
    await graphql(e2e.platform.gatewayUrl, 'mutation($input: CredentialsInput!) { signUp(input: $input) { userId } }', { input: { email: newcomer, password: 'a long enough password' } });
    await page.getByLabel(c.members.email, { exact: true }).fill(newcomer);
    await page.getByRole('button', { name: c.members.invite, exact: true }).click();
    await page.getByRole('status').filter({ hasText: say(c.members.invited, { email: newcomer, role: c.roles.MEMBER }) }).waitFor();
    const invitee = await e2e.browser.newContext({ baseURL: e2e.origin, locale: 'fr-FR' });
    const inviteePage = await invitee.newPage();
    await inviteePage.goto('/sign-in');
    await inviteePage.locator('input[name="email"]').fill(newcomer);
    await inviteePage.locator('input[name="password"]').fill('a long enough password');
    await inviteePage.locator('form button[type="submit"]').click();
    const accept = inviteePage.getByRole('button', { name: say(CATALOGUES.fr.welcome.acceptLabel, { organisation: 'Acme Rewards' }) });
    await accept.waitFor();
    await expectAccessible(inviteePage, 'welcome-invitation-fr');
    await accept.click();
    await inviteePage.getByRole('heading', { name: CATALOGUES.fr.wallet.title }).waitFor();
    await invitee.close();
    await page.reload();
    await page.getByLabel(say(c.members.roleOf, { email: newcomer })).filter({ visible: true }).selectOption(c.roles.AUDITOR);
    await page.getByRole('alertdialog').getByText(c.members.roleBody.AUDITOR).waitFor();
    await expectAccessible(page, 'members-confirm');
    await page.getByRole('alertdialog').getByRole('button', { name: c.members.changeRole }).click();
    await page.getByRole('status').filter({ hasText: say(c.members.roleChanged, { email: newcomer, role: c.roles.AUDITOR }) }).waitFor();
    await page.getByRole('button', { name: say(c.members.removeLabel, { email: newcomer }) }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: c.common.cancel }).click();
    expect(await page.getByRole('cell', { name: newcomer, exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: say(c.members.removeLabel, { email: newcomer }) }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: c.members.remove }).click();
    await page.getByRole('status').filter({ hasText: say(c.members.removed, { email: newcomer }) }).waitFor();
    expect(await page.getByRole('cell', { name: newcomer, exact: true }).count()).toBe(0);

    await page.getByRole('link', { name: c.nav.apiKeys, exact: true }).click();
    await page.getByLabel(c.apiKeys.name).fill('CRM sync');
    await page.getByText('org:read', { exact: true }).click();
    await page.getByRole('button', { name: c.apiKeys.create }).click();
    const secret = await page.getByTestId('new-secret').textContent();
    expect(secret).toMatch(/^etk_live_[a-z0-9]{8}_/);
    await page.getByRole('button', { name: c.common.done }).click();
    await page.getByRole('button', { name: say(c.apiKeys.revokeLabel, { name: 'CRM sync' }) }).click();
    await page.getByRole('alertdialog').getByText(c.apiKeys.revokeBody).waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: c.apiKeys.revoke }).click();
    await page.getByRole('status').filter({ hasText: say(c.apiKeys.revoked, { name: 'CRM sync' }) }).waitFor();

    await page.goto('/history?view=organisation');
    await page.getByRole('heading', { name: c.history.ledgerTitle }).waitFor();
    await page.getByLabel(c.history.search).fill('Audit fee');
    await page.getByRole('row').filter({ hasText: 'Audit fee' }).getByRole('link').click();
    await page.getByRole('button', { name: c.transaction.reverse }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: c.transaction.reverseConfirm }).click();
    await page.getByRole('heading', { name: say(c.transaction.title, { kind: c.history.kind.REVERSAL }) }).waitFor();
    await page.getByRole('link', { name: c.transaction.original }).click();
    await page.getByRole('link', { name: c.transaction.reversal }).waitFor();
    expect(await page.getByRole('button', { name: c.transaction.reverse }).count()).toBe(0);
    await context.close();
  });

  it("an auditor reads the organisation's ledger and never downloads modules it may not use", async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await signIn(page, 'auditor');
    const nav = await page.getByRole('navigation', { name: c.shell.modules }).textContent();
    expect(nav).not.toMatch(/Issuance|API keys/);
    await page.getByRole('link', { name: c.nav.history, exact: true }).click();
    await page.getByRole('heading', { name: c.history.ledgerTitle }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Welcome bonus' }).first().waitFor();
    await page.getByLabel(c.history.fromDate, { exact: true }).fill('2030-01-02');
    await page.getByLabel(c.history.toDate, { exact: true }).fill('2030-01-01');
    await page.getByText(c.history.badRange).waitFor();
    expect(page.url()).toContain('from=2030-01-02');
    await page.getByLabel(c.history.fromDate, { exact: true }).fill('2030-01-01');
    await page.getByRole('status').filter({ hasText: c.history.emptyFiltered }).waitFor();
    await page.goto('/api-keys');
    await page.getByRole('alert').filter({ hasText: c.guard.notAllowed }).waitFor();
    expect(requested.filter((u) => /ApiKeysPage|IssuancePage/.test(u))).toEqual([]);
    await context.close();
  });
});

describe('pages every visitor meets', () => {
  it('an unknown address gets a real page, in the browser language', async () => {
    const { context, page } = await newPage(e2e, { locale: 'fr-FR' });
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: CATALOGUES.fr.notFound.title }).waitFor();
    await expectAccessible(page, 'not-found-fr');
    await context.close();
  });

  it('two tabs reloading together both stay signed in', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'member');
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
    await page.goto('/sign-up');
    await page.getByLabel(c.auth.email).fill(email);
    await page.getByLabel(c.auth.newPassword).fill('a long enough password');
    await page.getByRole('button', { name: c.auth.signUp }).click();
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
    await page.getByRole('button', { name: c.shell.signOut }).click();
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
    await signIn(page, 'owner');
    for (const org of ['Acme Rewards', 'Globex Club']) {
      if (org === 'Globex Club') {
        await page.getByLabel(c.shell.organisation).selectOption({ label: org });
        await page.locator('header p', { hasText: org }).waitFor();
      }
      for (const path of PAGES) {
        await page.goto(path);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
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
    for (const path of ['/wallet', '/history', '/members']) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      expect({ path, overflow: await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) }).toEqual({ path, overflow: 0 });
    }
    await expectAccessible(page, 'members-phone');
    await shot(page, 'members-phone');
    await context.close();
  });
});
