import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { base32Decode, hotp, totpStep } from '../../subgraphs/identity/src/security/index.ts';
import { graphql } from '@etika/platform';
import { newPage, shot, signIn, startE2E, type E2E } from './platform.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function expectAccessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect({ page: name, violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`) }).toEqual({ page: name, violations: [] });
}

describe('people in the browser', () => {
  it('a member signs in, sees the balance, sends tokens and sees the history', async () => {
    const { context, page } = await newPage(e2e);
    await page.goto('/sign-in');
    await expectAccessible(page, 'sign-in');
    await shot(page, 'sign-in');
    await signIn(page, 'member');
    await page.getByRole('heading', { name: 'Wallet' }).waitFor();
    const balances = page.getByRole('list', { name: 'Balances' });
    await balances.getByText('100.00 ACME').waitFor();
    await page.getByLabel('Recipient').selectOption({ label: 'owner@demo.etika.dev' });
    await page.getByLabel('Amount (ACME)').fill('5');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent.' }).waitFor();
    await balances.getByText('95.00 ACME').waitFor();
    await page.getByRole('cell', { name: '-5.00 ACME' }).waitFor();
    await page.getByLabel('What').selectOption({ label: 'Redeem to the organisation' });
    await page.getByLabel('Amount (ACME)').fill('0.5');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('status').filter({ hasText: 'Redeemed.' }).waitFor();
    await balances.getByText('94.50 ACME').waitFor();
    await expectAccessible(page, 'wallet');
    await shot(page, 'wallet-member');
    await context.close();
  });

  it('shows words, not JSON, when a transfer is not possible', async () => {
    const { context, page } = await newPage(e2e);
    await signIn(page, 'member');
    await page.getByLabel('Recipient').selectOption({ label: 'owner@demo.etika.dev' });
    await page.getByLabel('Amount (ACME)').fill('1000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not enough tokens/);
    await context.close();
  });

  it('verifies a transaction in the browser against the signed checkpoint', async () => {
    const { context, page } = await newPage(e2e);
    await signIn(page, 'member');
    await page.getByRole('link', { name: 'Explorer' }).click();
    const verify = page.getByRole('button', { name: 'Verify in this browser' }).first();
    for (let i = 0; i < 20 && !(await verify.isVisible()); i++) {
      await page.waitForTimeout(300);
      await page.reload();
    }
    await verify.click();
    await page.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
    await expectAccessible(page, 'explorer');
    await shot(page, 'explorer');
    await context.close();
  });

  it('each organisation themes the whole app, and switching changes it', async () => {
    const { context, page } = await newPage(e2e);
    await signIn(page, 'owner');
    const header = page.locator('header');
    const first = await header.evaluate((el) => getComputedStyle(el).backgroundColor);
    await expectAccessible(page, 'wallet-owner');
    await shot(page, 'theme-acme');
    await page.getByLabel('Organisation').selectOption({ label: 'Globex Club' });
    await page.getByText('Globex Club', { exact: true }).first().waitFor();
    await page.waitForFunction((before) => getComputedStyle(document.querySelector('header')!).backgroundColor !== before, first);
    const second = await header.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(second).not.toBe(first);
    await expectAccessible(page, 'wallet-globex');
    await shot(page, 'theme-globex');
    await context.close();
  });

  it('an owner issues tokens, manages members and creates and revokes an API key', async () => {
    const { context, page } = await newPage(e2e);
    await signIn(page, 'owner');
    await page.getByRole('link', { name: 'Issuance' }).click();
    await page.getByLabel('Member', { exact: true }).selectOption({ label: 'auditor@demo.etika.dev' });
    await page.getByLabel('Amount').fill('12.5');
    await page.getByRole('button', { name: 'Issue' }).click();
    await page.getByRole('status').filter({ hasText: 'Tokens issued.' }).waitFor();
    await expectAccessible(page, 'issuance');
    await shot(page, 'issuance');

    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByLabel('Role of member@demo.etika.dev').selectOption('AUDITOR');
    await page.getByRole('status').filter({ hasText: 'Role changed.' }).waitFor();
    await page.getByLabel('Role of member@demo.etika.dev').selectOption('MEMBER');
    const newcomer = `newcomer.${Date.now()}@demo.etika.dev`;
    await graphql(e2e.platform.gatewayUrl, 'mutation($input: CredentialsInput!) { signUp(input: $input) { userId } }', { input: { email: newcomer, password: 'a long enough password' } });
    await page.getByLabel('Email').fill(newcomer);
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('status').filter({ hasText: `${newcomer} was added.` }).waitFor();
    await page.getByRole('button', { name: `Remove ${newcomer}` }).click();
    await page.getByRole('status').filter({ hasText: `${newcomer} was removed.` }).waitFor();
    expect(await page.getByRole('cell', { name: newcomer }).count()).toBe(0);
    await expectAccessible(page, 'members');
    await shot(page, 'members');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByText('org:read', { exact: true }).click();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByTestId('new-secret').textContent();
    expect(secret).toMatch(/^etk_live_[a-z0-9]{8}_/);
    await expectAccessible(page, 'api-keys');
    await shot(page, 'api-keys');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByText(secret!).count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    await page.getByRole('status').filter({ hasText: 'CRM sync was revoked.' }).waitFor();
    await context.close();
  });

  it("an auditor never downloads the code of modules it may not use", async () => {
    const { context, page } = await newPage(e2e);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await signIn(page, 'auditor');
    const nav = await page.getByRole('navigation', { name: 'Modules' }).textContent();
    expect(nav).not.toMatch(/Issuance|API keys/);
    await page.goto('/api-keys');
    await page.getByRole('alert').filter({ hasText: 'not allowed' }).waitFor();
    expect(requested.filter((u) => /ApiKeysPage|IssuancePage/.test(u))).toEqual([]);
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

  it('enrols two-step sign-in and then asks for the code', async () => {
    const { context, page } = await newPage(e2e);
    const email = `mfa.${Date.now()}@demo.etika.dev`;
    await page.goto('/sign-up');
    await expectAccessible(page, 'sign-up');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/Password/).fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'New organisation' }).waitFor();
    await expectAccessible(page, 'new-organisation');
    await shot(page, 'new-organisation');
    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('button', { name: 'Set up' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    await page.getByLabel('Code from the app').fill(hotp(base32Decode(secret), totpStep(Date.now())));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const recoveryCode = (await page.getByTestId('recovery-codes').locator('li').first().textContent())!.trim();
    const recoveryCodeTwo = (await page.getByTestId('recovery-codes').locator('li').nth(1).textContent())!.trim();
    await expectAccessible(page, 'security');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const recovery = page.getByLabel(/recovery code/);
    await recovery.waitFor();
    await recovery.fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await recovery.fill(recoveryCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation', { name: 'Modules' }).waitFor();

    await page.getByLabel('Name').fill('Initech Guild');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Wallet' }).waitFor();
    await page.getByText('Initech Guild', { exact: true }).first().waitFor();

    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByLabel('Current code or a recovery code').fill(recoveryCodeTwo);
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('status').filter({ hasText: 'Two-step sign-in is off.' }).waitFor();
    await context.close();
  });

  it('works on a 375 px wide phone without sideways scrolling', async () => {
    const { context, page } = await newPage(e2e, 375);
    await signIn(page, 'member');
    await page.getByText(/\d+\.\d\d ACME/).first().waitFor();
    await shot(page, 'wallet-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'wallet-phone');
    await shot(page, 'wallet-phone');
    await context.close();
  });
});
