import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { ChakraProvider } from '@chakra-ui/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, loadModuleStrings, localeFor, startI18n } from '../../app/i18n.ts';
import { DEFAULT_BRAND, brandSystem } from '../../app/theme.ts';
import { MY_SESSIONS, SIGN_OUT_SESSION, SessionsSection } from './SessionsSection.tsx';

const system = brandSystem(DEFAULT_BRAND);
const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const row = (id: string, device: string | null, clientAddress: string | null, lastUsedAt: string, current: boolean) =>
  ({ __typename: 'Session', id, createdAt: '2026-11-30T08:00:00.000Z', lastUsedAt, clientAddress, device, current });
const here = row('s-1', CHROME_LINUX, '203.0.113.7', '2026-12-01T09:30:00.000Z', true);
const phone = row('s-2', SAFARI_IPHONE, '198.51.100.4', '2026-11-30T18:45:00.000Z', false);
const robot = row('s-3', 'curl/8.5.0', null, '2026-11-29T07:00:00.000Z', false);
const listed = (sessions: ReturnType<typeof row>[]): MockLink.MockedResponse => ({ request: { query: MY_SESSIONS }, result: { data: { mySessions: sessions } } });
const signOutPhone: MockLink.MockedResponse = { request: { query: SIGN_OUT_SESSION, variables: { sessionId: 's-2' } }, result: { data: { signOutSession: true } } };

beforeAll(async () => {
  await startI18n('en');
  await loadModuleStrings();
});
afterEach(cleanup);

function renderSection(mocks: MockLink.MockedResponse[]) {
  render(<MockedProvider mocks={mocks}><ChakraProvider value={system}><SessionsSection /></ChakraProvider></MockedProvider>);
}

describe('your sessions', () => {
  it('lists each session by device, address and last use, and marks this one', async () => {
    renderSection([listed([here, phone, robot])]);
    const list = await screen.findByRole('list', { name: 'Your sessions' });
    const items = await within(list).findAllByRole('listitem');
    expect(items).toHaveLength(3);
    const [first, second, third] = items as [HTMLElement, HTMLElement, HTMLElement];
    expect(first.textContent).toContain('Chrome on Linux');
    expect(first.textContent).toContain('This device');
    expect(first.textContent).toContain('203.0.113.7');
    expect(first.textContent).toContain(`Last used ${formatDateTime(here.lastUsedAt, localeFor('en', navigator.languages))}`);
    expect(within(first).queryByRole('button')).toBeNull();
    expect(second.textContent).toContain('Safari on iPhone');
    expect(second.textContent).not.toContain('This device');
    expect(within(second).getByRole('button', { name: /^Sign out Safari on iPhone/ })).toBeTruthy();
    expect(third.textContent).toContain('Unknown browser');
    expect(third.textContent).toContain('Address not known');
    expect(screen.getByRole('button', { name: 'Sign out everywhere' })).toBeTruthy();
  });

  it('asks before signing another session out, then lists what is left', async () => {
    renderSection([listed([here, phone]), signOutPhone, listed([here])]);
    const list = await screen.findByRole('list', { name: 'Your sessions' });
    fireEvent.click(await within(list).findByRole('button', { name: /^Sign out Safari on iPhone/ }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText('Sign out Safari on iPhone?')).toBeTruthy();
    expect(dialog.textContent).toMatch(/This device stays signed in/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await screen.findByText('Safari on iPhone is signed out.');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(list.textContent).not.toContain('Safari on iPhone');
  });

  it('says that signing out everywhere includes this device', async () => {
    renderSection([listed([here, phone])]);
    await screen.findByRole('list', { name: 'Your sessions' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toMatch(/this device included/);
  });
});
