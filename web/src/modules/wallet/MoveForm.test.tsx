import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { ChakraProvider } from '@chakra-ui/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadModuleStrings, setLanguage, startI18n, type Language } from '../../app/i18n.ts';
import { session } from '../../app/session.ts';
import { DEFAULT_BRAND, brandSystem } from '../../app/theme.ts';
import { MoveForm } from './MoveForm.tsx';
import { RECIPIENTS, TRANSFER } from './wallet.operations.ts';

const system = brandSystem(DEFAULT_BRAND);
const token = { __typename: 'Token' as const, id: 'acme', name: 'Acme points', symbol: 'ACME', decimals: 2 };
const balances = [{ __typename: 'Balance' as const, amount: '10000', token }];
const claims = btoa(JSON.stringify({ sub: 'ann', org: 'org', role: 'member', scp: ['token:transfer'], exp: Math.floor(Date.now() / 1000) + 600 }));
const recipients: MockLink.MockedResponse = {
  request: { query: RECIPIENTS, variables: { organizationId: 'org' } },
  result: { data: { organization: { __typename: 'Organization', id: 'org', members: [{ __typename: 'Membership', id: 'm1', user: { __typename: 'User', id: 'bob', email: 'bob@example.com' } }] } } },
};

async function renderForm(language: Language, sent: (amount: string) => void) {
  await setLanguage(language, false);
  const transfer: MockLink.MockedResponse = {
    request: {
      query: TRANSFER,
      variables: (vars) => {
        sent((vars as { input: { amount: string } }).input.amount);
        return true;
      },
    },
    result: { data: { transferTokens: { __typename: 'TokenTransaction', id: 'tx1' } } },
  };
  render(<MockedProvider mocks={[recipients, transfer]}><ChakraProvider value={system}><MoveForm balances={balances} /></ChakraProvider></MockedProvider>);
  await screen.findByRole('option', { name: 'bob@example.com' });
}

beforeEach(async () => {
  await startI18n('en');
  await loadModuleStrings();
  session.signIn(`h.${claims}.s`);
});
afterEach(() => {
  cleanup();
  session.signOut();
});

describe('sending tokens', () => {
  it('in French reads 1,5 as one and a half, and Enter opens the review without sending', async () => {
    const sent = vi.fn();
    await renderForm('fr', sent);
    fireEvent.change(screen.getByLabelText(/Destinataire/), { target: { value: 'bob' } });
    fireEvent.change(screen.getByLabelText(/Montant/), { target: { value: '1,5' } });
    fireEvent.submit(screen.getByLabelText(/Montant/).closest('form')!);
    expect(await screen.findByRole('heading', { name: 'Envoyer 1,50 ACME à bob@example.com\u00a0?' })).toBeTruthy();
    expect(screen.getByText('Votre solde passe de 100,00 ACME à 98,50 ACME.')).toBeTruthy();
    expect(sent).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer maintenant' }));
    expect((await screen.findByRole('status')).textContent).toBe('1,50 ACME envoyés à bob@example.com.');
    expect(sent).toHaveBeenCalledWith('150');
  });

  it('in English refuses 1,5 next to the amount, with the focus on it', async () => {
    const sent = vi.fn();
    await renderForm('en', sent);
    fireEvent.change(screen.getByLabelText(/Recipient/), { target: { value: 'bob' } });
    fireEvent.change(screen.getByLabelText(/Amount/), { target: { value: '1,5' } });
    fireEvent.submit(screen.getByLabelText(/Amount/).closest('form')!);
    expect(await screen.findByText(/In English a comma separates thousands/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/Amount/));
    expect(screen.queryByRole('heading', { name: /Send/ })).toBeNull();
    expect(sent).not.toHaveBeenCalled();
  });
});
