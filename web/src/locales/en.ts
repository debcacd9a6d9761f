import type { Widen } from './catalogue.ts';

/**
 * The English catalogue of the shell: every string people read before a module page loads (sign-in, header, menu,
 * welcome, errors). Module pages' strings are in `en.modules.ts`. `fr.ts` has exactly the same keys (the type and a
 * unit test check it). Values interpolate `{{name}}`; plural forms end in `_one` / `_other`.
 */
const en = {
  common: { cancel: 'Cancel', copy: 'Copy', done: 'Done', loading: 'Loading' },
  preferences: {
    language: 'Language',
    theme: 'Theme',
    mode: { system: 'Auto theme', light: 'Light theme', dark: 'Dark theme' },
  },
  shell: {
    menu: 'Menu',
    closeMenu: 'Close menu',
    modules: 'Modules',
    organisation: 'Organisation',
    chooseOrganisation: 'Choose an organisation',
    signOut: 'Sign out',
  },
  nav: {
    wallet: 'Wallet',
    history: 'History',
    issuance: 'Issuance',
    members: 'Members',
    apiKeys: 'API keys',
    explorer: 'Explorer',
    settings: 'Organisation',
    security: 'Security',
    newOrganisation: 'New organisation',
  },
  guard: { notAllowed: 'Your role in this organisation does not include this page. An owner or admin can change your role.' },
  notFound: {
    title: 'Page not found',
    text: 'There is nothing at this address. The link may be old or mistyped.',
    home: 'Go to your wallet',
    signIn: 'Go to sign-in',
  },
  welcome: {
    title: 'Welcome to Etika',
    intro: 'You do not belong to an organisation yet. Organisations run token programmes for their members and partners.',
    create: 'To start your own, create an organisation: you will be its owner and can invite people.',
    createButton: 'Create an organisation',
    join: 'To join an existing one, ask one of its owners or admins to add you with the email you signed up with. It then appears in the organisation menu.',
  },
  auth: {
    signInTitle: 'Sign in to Etika',
    signUpTitle: 'Create your account',
    mfaTitle: 'Two-step sign-in',
    mfaCode: 'Code from your authenticator app, or a recovery code',
    email: 'Email',
    password: 'Password',
    newPassword: 'Password (at least 10 characters)',
    signIn: 'Sign in',
    signUp: 'Create account',
    continue: 'Continue',
    newHere: 'New here?',
    createAccount: 'Create an account',
    haveAccount: 'Have an account?',
  },
  errors: {
    unknown: 'Something went wrong. Please try again.',
    input: 'Please check what you entered.',
    noAccount: 'Nobody has an account with that email yet. Ask them to sign up first, then add them.',
    notMember: 'The recipient is not a member of this organisation.',
    code: {
      INSUFFICIENT_BALANCE: 'There are not enough tokens in the wallet for this.',
      UNAUTHORIZED_FIELD_OR_TYPE: 'You are not allowed to do this in this organisation.',
      FORBIDDEN: 'Your role does not allow this.',
      UNAUTHENTICATED: 'Your session has expired. Please sign in again.',
      SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
      INVALID_CREDENTIALS: 'That email and password do not match.',
      INVALID_MFA_CODE: 'That code is not right, or was already used.',
      TOO_MANY_REQUESTS: 'Too many attempts. Please wait a few minutes and try again.',
      EMAIL_TAKEN: 'There is already an account with this email.',
      IDEMPOTENCY_CONFLICT: 'This request was already sent with different details.',
      SUPPLY_CAP_EXCEEDED: 'This would issue more tokens than the maximum supply.',
      LAST_OWNER: 'An organisation needs at least one owner. Make someone else owner first.',
      NOT_FOUND: 'We could not find that. It may have been removed.',
      CONFLICT: 'That already exists, or was already done.',
      OPERATION_LIMIT_EXCEEDED: 'That request is too large. Try a smaller one.',
      SESSION_REVOKED: 'This session has ended. Please sign in again.',
      RIGHTS_CHANGED: 'Your role in this organisation has just changed. Reload the page to continue.',
      SERVICE_UNAVAILABLE: 'The service is busy right now. Please try again in a moment.',
    },
    field: {
      email: 'Enter a valid email address.',
      password: 'The password needs at least 10 characters.',
      name: 'Enter a name (up to 100 characters).',
      symbol: 'The symbol has 2 to 10 letters or digits.',
      decimals: 'Decimals must be a whole number from 0 to 18.',
      scopes: 'Choose at least one scope.',
      expiresAt: 'The expiry must be in the future.',
      memo: 'A memo has at most 500 characters.',
      brandColor: 'The brand colour must look like #1a2b3c.',
      logoUrl: 'The logo must be an https:// address.',
      role: 'Choose a role.',
      amount: 'Check the amount.',
      toUserId: 'Choose a member of this organisation.',
    },
  },
};

/** The shape of every shell catalogue: the English keys, any wording. */
export type ShellCatalogue = Widen<typeof en>;

export default en as ShellCatalogue;
