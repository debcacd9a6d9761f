export * from './permissions.ts';
export * from './principal.ts';
export * from './requirements.ts';
