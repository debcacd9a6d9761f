import { ChakraProvider } from '@chakra-ui/react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { guarded } from './guard.tsx';
import { startI18n } from './i18n.ts';
import { session } from './session.ts';
import { DEFAULT_BRAND, brandSystem } from './theme.ts';

const system = brandSystem(DEFAULT_BRAND);

function tokenWith(scp: string[]): string {
  const payload = btoa(JSON.stringify({ sub: 'u', org: 'o', role: 'member', scp, exp: Math.floor(Date.now() / 1000) + 600 }));
  return `h.${payload}.s`;
}

beforeAll(() => startI18n('en'));

afterEach(() => {
  cleanup();
  session.signOut();
});

describe('guarded modules', () => {
  it('does not download the module for someone without the permission', () => {
    session.signIn(tokenWith(['token:read']));
    const load = vi.fn(() => Promise.resolve({ default: () => <p>members page</p> }));
    const Page = guarded('members:manage', load);
    render(<ChakraProvider value={system}><Page /></ChakraProvider>);
    expect(screen.getByRole('alert').textContent).toMatch(/does not include this page/);
    expect(load).not.toHaveBeenCalled();
  });

  it('loads and shows it for someone with the permission', async () => {
    session.signIn(tokenWith(['token:read']));
    const load = vi.fn(() => Promise.resolve({ default: () => <p>wallet page</p> }));
    const Page = guarded('token:read', load);
    render(<ChakraProvider value={system}><Page /></ChakraProvider>);
    expect(await screen.findByText('wallet page')).toBeTruthy();
    expect(load).toHaveBeenCalledOnce();
  });
});
