import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { ChakraProvider } from '@chakra-ui/react';
import { GraphQLError } from 'graphql';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startI18n } from '../../app/i18n.ts';
import { DEFAULT_BRAND, brandSystem } from '../../app/theme.ts';
import { REQUEST_SIGN_UP, SIGN_IN } from './auth.operations.ts';
import { SignInPage, SignUpPage, safeNext } from './SignInPage.tsx';

const system = brandSystem(DEFAULT_BRAND);
beforeAll(() => startI18n('en'));
afterEach(cleanup);
const input = { email: 'ann@example.com', password: 'wrong password' };

function renderWith(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks}>
      <ChakraProvider value={system}>
        <MemoryRouter initialEntries={['/sign-in']}>
          <SignInPage />
        </MemoryRouter>
      </ChakraProvider>
    </MockedProvider>,
  );
  fireEvent.change(screen.getByLabelText(/Email/), { target: { value: input.email } });
  fireEvent.change(screen.getByLabelText(/Password/), { target: { value: input.password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the sign-in form', () => {
  it('says in words when the password is wrong', async () => {
    renderWith([{ request: { query: SIGN_IN, variables: { input } }, result: { errors: [new GraphQLError('Email or password is wrong', { extensions: { code: 'INVALID_CREDENTIALS' } })] } }]);
    expect((await screen.findByRole('alert')).textContent).toBe('That email and password do not match.');
  });

  it('asks for the second factor when the account has one', async () => {
    renderWith([{ request: { query: SIGN_IN, variables: { input } }, result: { data: { signIn: { __typename: 'SignInResult', mfaRequired: true, mfaToken: 'mfa-token', session: null } } } }]);
    expect(await screen.findByLabelText(/authenticator app/)).toBeTruthy();
  });

  it('follows only same-site paths after signing in', () => {
    expect(safeNext('/explorer?x=1')).toBe('/explorer?x=1');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('the sign-up form', () => {
  it('puts the refusal next to the field it is about, and moves the focus there', async () => {
    const wanted = { email: 'ann@example.com', password: 'short' };
    render(
      <MockedProvider mocks={[{ request: { query: REQUEST_SIGN_UP, variables: { input: { ...wanted, language: 'EN' } } }, result: { errors: [new GraphQLError('Too short', { extensions: { code: 'BAD_USER_INPUT', field: 'password' } })] } }]}>
        <ChakraProvider value={system}><MemoryRouter initialEntries={['/sign-up']}><SignUpPage /></MemoryRouter></ChakraProvider>
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Email/), { target: { value: wanted.email } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: wanted.password } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('The password needs at least 10 characters.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/Password/));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for the mailed link in the page’s language, and then only says to check the mailbox', async () => {
    const wanted = { email: 'ann@example.com', password: 'a long enough password' };
    render(
      <MockedProvider mocks={[{ request: { query: REQUEST_SIGN_UP, variables: { input: { ...wanted, language: 'EN' } } }, result: { data: { requestSignUp: true } } }]}>
        <ChakraProvider value={system}>
          <MemoryRouter initialEntries={['/sign-up']}>
            <Routes>
              <Route path="/sign-up" element={<SignUpPage />} />
              <Route path="/check-mailbox" element={<p>mailbox page</p>} />
            </Routes>
          </MemoryRouter>
        </ChakraProvider>
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Email/), { target: { value: ` ${wanted.email} ` } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: wanted.password } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('mailbox page')).toBeTruthy();
  });
});
