export * from './password.ts';
export * from './tokens.ts';
export * from './totp.ts';
