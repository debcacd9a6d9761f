import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, bearer, dataOrThrow, graphql, type DemoRole } from '@etika/platform';
import { formatAmount } from '../src/app/amount.ts';
import { lastDays } from '../src/modules/analytics/range.ts';
import { BROWSER_LOCALE, CATALOGUES, expectAccessible, recordOperations, say } from './helpers.ts';
import { newPage, shot, signIn, startE2E, type E2E } from './platform.ts';

/** The dashboard, the wallet's balance over time and the audit page, in the browser, on the demo data. */
let e2e: E2E;
let acme: string;

async function tokenOf(role: DemoRole, org = 0): Promise<string> {
  const url = e2e.platform.gatewayUrl;
  const signedIn = dataOrThrow(await graphql<{ signIn: { session: { accessToken: string } } }>(url, 'mutation($input: CredentialsInput!) { signIn(input: $input) { session { accessToken } } }', { input: { email: DEMO_USERS[role], password: DEMO_PASSWORD } }));
  const switched = dataOrThrow(await graphql<{ switchOrganization: { accessToken: string } }>(url, 'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }', { id: e2e.orgIds[org] }, bearer(signedIn.signIn.session.accessToken)));
  return switched.switchOrganization.accessToken;
}

async function api<T>(role: DemoRole, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return dataOrThrow(await graphql<T>(e2e.platform.gatewayUrl, query, variables, bearer(await tokenOf(role))));
}

const TOTALS = 'query($t: ID!, $r: AnalyticsRangeInput!) { tokenAnalytics(tokenId: $t, range: $r) { totals { issued transactions } csv(locale: "fr", decimals: 2) } }';

beforeAll(async () => {
  e2e = await startE2E();
  acme = (await api<{ tokens: { id: string; symbol: string }[] }>('owner', '{ tokens { id symbol } }')).tokens.find((t) => t.symbol === 'ACME')!.id;
  // a refused mutation, which the audit trail must keep
  const refused = await graphql(e2e.platform.gatewayUrl, 'mutation($input: MovementInput!) { redeemTokens(input: $input) { id } }', { input: { tokenId: acme, amount: '99999999', idempotencyKey: crypto.randomUUID() } }, bearer(await tokenOf('member')));
  expect(refused.errors?.[0]?.extensions?.['code']).toBe('INSUFFICIENT_BALANCE');
  // the demo's issues reach analytics through the events
  const range = lastDays(30, 'DAY', 'Europe/Paris');
  const until = Date.now() + 20_000;
  while ((await api<{ tokenAnalytics: { totals: { issued: string } } }>('auditor', TOTALS, { t: acme, r: range })).tokenAnalytics.totals.issued !== '12500') {
    if (Date.now() > until) throw new Error('the demo issues never reached analytics');
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(() => e2e?.close());

describe('the dashboard', () => {
  it('shows an auditor the numbers, each chart with its table, the top holders, and exports them', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'auditor');
    await page.getByRole('link', { name: c.nav.analytics, exact: true }).click();
    await page.getByRole('heading', { name: c.analytics.title, level: 1 }).waitFor();
    await page.getByText(`${formatAmount('12500', 2, 'en-GB')} ACME`).first().waitFor();
    for (const title of [c.analytics.supplyTitle, c.analytics.movementsTitle, c.analytics.activeTitle]) {
      await page.getByRole('img', { name: say(c.analytics.chartLabel, { title }) }).waitFor();
    }
    await page.getByText(say(c.analytics.showTable, { title: c.analytics.movementsTitle })).click();
    const movements = page.getByRole('table', { name: c.analytics.movementsTitle });
    await movements.getByRole('cell', { name: '125.00', exact: true }).first().waitFor();
    const holders = page.getByRole('table', { name: c.analytics.holdersTitle });
    await holders.getByRole('row').nth(1).getByRole('cell', { name: DEMO_USERS.member }).waitFor();
    await holders.getByRole('row').nth(1).getByRole('cell', { name: '100.00 ACME' }).waitFor();
    await holders.getByRole('row').nth(2).getByRole('cell', { name: DEMO_USERS.owner }).waitFor();
    await expectAccessible(page, 'dashboard-en');
    await shot(page, 'dashboard-en');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: c.analytics.downloadCsv }).last().click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffRank,Member,Balance,Share of supply');
    expect(csv.split('\r\n')[1]).toMatch(/^1,[0-9a-f-]{36},100\.00,80%$/);
    await context.close();
  });

  it('reads in French on a phone in the dark theme', async () => {
    const c = CATALOGUES.fr;
    const { context, page } = await newPage(e2e, { locale: BROWSER_LOCALE.fr, width: 390, colorScheme: 'dark' });
    await signIn(page, 'admin');
    await page.getByRole('button', { name: c.shell.menu }).click();
    await page.getByRole('link', { name: c.nav.analytics, exact: true }).click();
    await page.getByRole('heading', { name: c.analytics.title, level: 1 }).waitFor();
    await page.getByText(`${formatAmount('12500', 2, 'fr-FR')} ACME`).first().waitFor();
    await page.getByText(say(c.analytics.holdersLine_other, { count: 2, share: '80 %' })).waitFor();
    await page.getByText(say(c.analytics.showTable, { title: c.analytics.supplyTitle })).click();
    await page.getByRole('table', { name: c.analytics.supplyTitle }).getByRole('cell', { name: formatAmount('12500', 2, 'fr-FR'), exact: true }).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'dashboard-fr-phone-dark');
    await shot(page, 'dashboard-fr-phone-dark');
    await context.close();
  });

  it('is neither offered nor downloaded to a member, who sees their own balance over time on the wallet', async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    const chunks: string[] = [];
    page.on('request', (r) => chunks.push(new URL(r.url()).pathname));
    const sent = recordOperations(page);
    await signIn(page, 'member');
    await page.getByRole('heading', { name: c.wallet.title }).waitFor();
    await page.getByRole('img', { name: say(c.analytics.chartLabel, { title: say(c.analytics.myBalanceTitle, { token: 'Acme Rewards points' }) }) }).waitFor();
    await page.getByText(say(c.analytics.showTable, { title: say(c.analytics.myBalanceTitle, { token: 'Acme Rewards points' }) })).click();
    await page.getByRole('cell', { name: '100.00', exact: true }).last().waitFor();
    await expectAccessible(page, 'wallet-balance-history-en');
    expect(await page.getByRole('link', { name: c.nav.analytics, exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: c.nav.audit, exact: true }).count()).toBe(0);
    await page.goto('/analytics');
    await page.getByText(c.guard.notAllowed).waitFor();
    await page.goto('/audit');
    await page.getByText(c.guard.notAllowed).waitFor();
    expect(chunks.filter((p) => /\/assets\/(DashboardPage|AuditPage)-/.test(p))).toEqual([]);
    expect(sent.filter((s) => s === 'Dashboard' || s === 'AuditTrail')).toEqual([]);
    await context.close();
  });
});

describe('the audit page', () => {
  it("lists the organisation's actions across services for its auditor, failures included, filtered", async () => {
    const c = CATALOGUES.en;
    const { context, page } = await newPage(e2e);
    await signIn(page, 'auditor');
    await page.getByRole('link', { name: c.nav.audit, exact: true }).click();
    await page.getByRole('heading', { name: c.audit.title, level: 1 }).waitFor();
    const table = page.getByRole('table', { name: c.audit.tableLabel });
    await table.getByRole('cell', { name: 'issueTokens', exact: true }).first().waitFor();
    await table.getByRole('cell', { name: 'inviteMember', exact: true }).first().waitFor();
    await page.getByLabel(c.audit.outcome).selectOption({ label: c.audit.FAILURE });
    await page.getByRole('button', { name: c.audit.apply }).click();
    const failure = table.getByRole('row').filter({ hasText: 'redeemTokens' });
    await failure.getByText('INSUFFICIENT_BALANCE').waitFor();
    expect(await table.getByRole('cell', { name: 'issueTokens', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'audit-en');
    await shot(page, 'audit-en');
    await context.close();
  });

  it('reads in French in the dark theme, and another organisation sees none of it', async () => {
    const c = CATALOGUES.fr;
    const { context, page } = await newPage(e2e, { locale: BROWSER_LOCALE.fr, colorScheme: 'dark' });
    await signIn(page, 'auditor');
    await page.getByRole('link', { name: c.nav.audit, exact: true }).click();
    await page.getByRole('heading', { name: c.audit.title, level: 1 }).waitFor();
    await page.getByRole('table', { name: c.audit.tableLabel }).getByText(c.audit.FAILURE).first().waitFor();
    await expectAccessible(page, 'audit-fr-dark');
    await context.close();
    const globex = await graphql<{ auditTrail: { entries: { action: string }[] } }>(e2e.platform.gatewayUrl, '{ auditTrail { entries { action } } }', {}, bearer(await tokenOf('owner', 1)));
    expect(dataOrThrow(globex).auditTrail.entries.some((e) => e.action === 'redeemTokens')).toBe(false);
  });
});
