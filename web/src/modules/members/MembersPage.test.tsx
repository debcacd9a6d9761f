import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { ChakraProvider } from '@chakra-ui/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadModuleStrings, startI18n } from '../../app/i18n.ts';
import { session } from '../../app/session.ts';
import { DEFAULT_BRAND, brandSystem } from '../../app/theme.ts';
import MembersPage from './MembersPage.tsx';
import { MEMBERS } from './members.operations.ts';

const system = brandSystem(DEFAULT_BRAND);
const member = (id: string, role: string, email: string) => ({ __typename: 'Membership', id, role, joinedAt: '2026-11-01T09:00:00.000Z', user: { __typename: 'User', id: `u-${id}`, email } });
const members: MockLink.MockedResponse = {
  request: { query: MEMBERS, variables: { organizationId: 'org' } },
  result: { data: { organization: { __typename: 'Organization', id: 'org', name: 'Acme', members: [member('1', 'OWNER', 'olivia@example.com'), member('2', 'ADMIN', 'adam@example.com'), member('3', 'MEMBER', 'mia@example.com')] } } },
};
const signInAs = (role: string, sub: string) =>
  session.signIn(`h.${btoa(JSON.stringify({ sub, org: 'org', role, scp: ['members:read', 'members:manage'], exp: Math.floor(Date.now() / 1000) + 600 }))}.s`);

beforeAll(async () => {
  await startI18n('en');
  await loadModuleStrings();
});
afterEach(() => {
  cleanup();
  session.signOut();
});

function renderPage() {
  render(<MockedProvider mocks={[members]}><ChakraProvider value={system}><MembersPage /></ChakraProvider></MockedProvider>);
}

/** jsdom applies no media query, so the page shows its phone layout: a list of people. */
describe('the members page for an admin', () => {
  it('offers nothing on the owner’s row or their own, and never the owner role', async () => {
    signInAs('admin', 'u-2');
    renderPage();
    const table = await screen.findByRole('list', { name: 'People' });
    const ownerRow = within(table).getAllByRole('listitem').find((li) => li.textContent?.includes('olivia@example.com'))!;
    expect(within(ownerRow).queryByRole('button')).toBeNull();
    expect(within(ownerRow).queryByRole('combobox')).toBeNull();
    const ownRow = within(table).getAllByRole('listitem').find((li) => li.textContent?.includes('adam@example.com'))!;
    expect(within(ownRow).queryByRole('button')).toBeNull();
    const roleOfMia = within(table).getByRole('combobox', { name: 'Role of mia@example.com' });
    expect(within(roleOfMia).getAllByRole('option').map((o) => o.textContent)).toEqual(['Admin', 'Member', 'Auditor']);
    const addRole = screen.getByRole('combobox', { name: 'Role' });
    expect(within(addRole).queryByRole('option', { name: 'Owner' })).toBeNull();
  });

  it('asks before removing, saying what happens to the tokens', async () => {
    signInAs('admin', 'u-2');
    renderPage();
    const table = await screen.findByRole('list', { name: 'People' });
    fireEvent.click(within(table).getByRole('button', { name: 'Remove mia@example.com' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toMatch(/Tokens they hold stay in their account/);
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('lets an owner manage another owner', async () => {
    signInAs('owner', 'u-9');
    renderPage();
    const table = await screen.findByRole('list', { name: 'People' });
    expect(within(table).getByRole('combobox', { name: 'Role of olivia@example.com' })).toBeTruthy();
  });
});
